// Agent actions end to end on the demo CRM (a real HTTP service on 127.0.0.1): the offline agent
// requests a refund, an operator approves or rejects it in the queue, small ones are auto-approved,
// the customer confirms a follow-up task in the widget, runs expire; identity inputs come from the
// verified session only, bad model input is refused before any request, failures are told in plain
// words, and the CRM's API key never reaches a client, the audit log, a scheduler argument or a log.
import { startDemoCrm, type DemoCrm } from "@answerbase/local-cloud";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { demoActionDefinitions } from "../convex/agentActions/demoActions.ts";
import { signIdentity } from "../convex/contacts/identity.ts";
import {
  createUser,
  grantPrivateNetworks,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";

const API_KEY = "crm-test-key-7f3a9c2e51";
const logged: string[] = [];
let crm: DemoCrm;
let t: Backend;
let owner: Caller;
let organizationId: Id<"organizations">;
let widgetSecret: string;
const actionIds: Record<string, Id<"agentActions">> = {};
const page = { numItems: 50, cursor: null };

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(" ")),
    );
  crm = await startDemoCrm({ apiKey: API_KEY });
  Object.assign(process.env, await generateDeploymentSecrets(), {
    SITE_URL: "http://localhost:3000",
    ANSWERBASE_SECRET_STORE: "encrypted_table",
    EMBEDDING_MODEL: "test",
  });
  t = await startBackend();
  const user = await createUser(t, "owner@shop.test");
  owner = user.as;
  organizationId = await owner.mutation(api.private.organizations.create, { name: "Shop" });
  await grantPrivateNetworks(t, organizationId);
  for (const definition of demoActionDefinitions(crm.url)) {
    actionIds[definition.name] = await owner.mutation(api.private.agentActions.create, {
      organizationId,
      ...definition,
      headers: [{ name: "Authorization", secret: true, value: `Bearer ${API_KEY}` }],
    });
  }
  widgetSecret = (await owner.mutation(api.private.widgetIdentity.rotateSecret, { organizationId })).secret;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await crm?.stop();
});

async function contact(email: string, verified: boolean) {
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId,
    name: email.split("@")[0] ?? "Someone",
    email,
    ...(verified ? { signature: await signIdentity(widgetSecret, email) } : {}),
  });
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return { sessionToken, conversationId };
}
type Contact = Awaited<ReturnType<typeof contact>>;

async function replies(who: Contact): Promise<string[]> {
  const result = await t.query(api.public.messages.list, { ...who, paginationOpts: page });
  return result.page
    .slice()
    .reverse()
    .filter((doc) => doc.message?.role === "assistant" && (doc.text ?? "") !== "")
    .map((doc) => doc.text ?? "");
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends and waits for the agent's reply number `n` (1-based). */
async function say(who: Contact, text: string, n: number): Promise<string> {
  await t.mutation(api.public.messages.send, { ...who, text });
  const all = await until(
    () => replies(who),
    (list) => list.length >= n,
    `reply to "${text}"`,
  );
  return all[n - 1]!;
}

const runsOf = (who: Contact) => t.query(api.public.actionRuns.listForConversation, who);
const refundsOf = (email: string) => crm.state.refunds.filter((refund) => refund.email === email);

describe("operator approval", () => {
  it("a refund over the rule waits in the queue; approving sends it once and the customer hears back", async () => {
    const alice = await contact("alice@example.com", true);
    const reply = await say(alice, "I'd like a refund of $80 for order 1042 please, it arrived broken", 1);
    expect(reply).toMatch(/approval/);
    expect(refundsOf("alice@example.com")).toHaveLength(0);
    const pending = await owner.query(api.private.approvals.listPending, { organizationId });
    const run = pending.find((r) => r.conversationId === alice.conversationId)!;
    expect(run).toMatchObject({
      actionName: "request_refund",
      status: "pending_approval",
      requester: { verified: true },
    });
    expect(run.inputs).toEqual(
      expect.arrayContaining([
        { name: "order_id", value: "1042", redacted: false },
        { name: "amount", value: 80, redacted: false },
        { name: "customer_email", value: "alice@example.com", redacted: false },
      ]),
    );

    await owner.mutation(api.private.approvals.decide, {
      organizationId,
      runId: run._id,
      decision: "approve",
    });
    const [done] = await until(
      () => runsOf(alice),
      (runs) => runs[0]?.status === "succeeded",
      "the refund",
    );
    const refunds = refundsOf("alice@example.com");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ orderId: "1042", amount: 80 });
    expect(done!.result).toEqual(expect.arrayContaining([{ field: "refund_id", value: refunds[0]!.id }]));
    const followUp = await until(
      () => replies(alice),
      (list) => list.length >= 2,
      "the follow-up",
    );
    expect(followUp[1]).toContain(refunds[0]!.id);
    // The CRM got the run id as idempotency key, and a second decision changes nothing.
    expect(crm.requests.find((r) => r.path === "/refunds" && r.method === "POST")?.idempotencyKey).toBe(
      run._id,
    );
    await expect(
      owner.mutation(api.private.approvals.decide, { organizationId, runId: run._id, decision: "reject" }),
    ).rejects.toThrow(/already decided/);
    expect(refundsOf("alice@example.com")).toHaveLength(1);
  });

  it("a rejection with a reason sends nothing and tells the customer why", async () => {
    const bob = await contact("bob@example.com", true);
    await say(bob, "I want a refund of 120 for order 2001", 1);
    const run = (await runsOf(bob))[0]!;
    await owner.mutation(api.private.approvals.decideMany, {
      organizationId,
      runIds: [run.runId],
      decision: "reject",
      reason: "The order was delivered intact",
    });
    const all = await until(
      () => replies(bob),
      (list) => list.length >= 2,
      "the rejection",
    );
    expect(all[1]).toMatch(/not approved: The order was delivered intact/);
    expect((await runsOf(bob))[0]?.status).toBe("rejected");
    expect(refundsOf("bob@example.com")).toHaveLength(0);
  });

  it("a small refund for a verified customer is approved by the rule and done in the same reply", async () => {
    const carol = await contact("carol@example.com", true);
    const reply = await say(carol, "Please refund 20 for order 3003", 1);
    const refunds = refundsOf("carol@example.com");
    expect(refunds).toHaveLength(1);
    expect(reply).toContain(refunds[0]!.id);
    const decided = await owner.query(api.private.approvals.listByStatus, {
      organizationId,
      status: "succeeded",
    });
    expect(decided.find((r) => r.conversationId === carol.conversationId)?.decision).toMatchObject({
      by: { kind: "rule", rule: "amount <= 50 && customer.verified" },
      decision: "approve",
    });
  });

  it("expiry: a waiting run expires, the customer is told, and deciding it afterwards changes nothing", async () => {
    const dave = await contact("dave@example.com", true);
    await say(dave, "I'd like a refund of 300 for order 4004", 1);
    const run = (await runsOf(dave))[0]!;
    await t.mutation(internal.system.actionRuns.expire, { runId: run.runId });
    expect((await runsOf(dave))[0]?.status).toBe("expired");
    await expect(
      owner.mutation(api.private.approvals.decide, { organizationId, runId: run.runId, decision: "approve" }),
    ).rejects.toThrow(/expired/);
    const all = await until(
      () => replies(dave),
      (list) => list.length >= 2,
      "the expiry notice",
    );
    expect(all[1]).toMatch(/expired/);
    expect(refundsOf("dave@example.com")).toHaveLength(0);
  });
});

describe("customer confirmation", () => {
  it("only the conversation's own customer can confirm; confirming creates the task with the conversation link", async () => {
    const alice = await contact("alice@example.com", true);
    const mallory = await contact("mallory@example.com", true);
    const reply = await say(alice, "Please create a follow-up task to call me about the broken lamp", 1);
    expect(reply).toMatch(/confirm/);
    const run = (await runsOf(alice))[0]!;
    expect(run.status).toBe("pending_confirmation");
    await expect(
      t.mutation(api.public.actionRuns.confirm, { sessionToken: mallory.sessionToken, runId: run.runId }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      owner.mutation(api.private.approvals.decide, { organizationId, runId: run.runId, decision: "approve" }),
    ).rejects.toThrow(/customer confirms/);
    const tasksBefore = crm.state.tasks.length;
    await t.mutation(api.public.actionRuns.confirm, { sessionToken: alice.sessionToken, runId: run.runId });
    await until(
      () => runsOf(alice),
      (runs) => runs[0]?.status === "succeeded",
      "the task",
    );
    expect(crm.state.tasks).toHaveLength(tasksBefore + 1);
    expect(crm.state.tasks.at(-1)).toMatchObject({
      email: "alice@example.com",
      conversationLink: `http://localhost:3000/conversations?c=${alice.conversationId}`,
    });
    await expect(
      t.mutation(api.public.actionRuns.cancel, { sessionToken: alice.sessionToken, runId: run.runId }),
    ).rejects.toThrow(/already decided/);
  });
});

describe("inputs the model cannot set", () => {
  it("identity inputs come from the verified session whatever the model sends", async () => {
    const alice = await contact("alice@example.com", true);
    const requested = await t.mutation(internal.system.actionRuns.request, {
      actionId: actionIds.request_refund!,
      conversationId: alice.conversationId,
      modelInput: { order_id: "9", amount: 70, customer_email: "bob@example.com" },
    });
    expect(requested.ok).toBe(true);
    const run = (await runsOf(alice))[0]!;
    expect(run.inputs.filter((input) => input.name === "customer_email")).toEqual([
      { name: "customer_email", value: "alice@example.com", redacted: false },
    ]);
  });

  it("an unverified visitor cannot run an action that needs their identity; nothing is sent", async () => {
    const visitor = await contact("alice@example.com", false);
    const sent = crm.requests.length;
    const reply = await say(visitor, "I'd like a refund of 20 for order 1042", 1);
    expect(reply).toMatch(/sign/i);
    expect(await runsOf(visitor)).toEqual([]);
    expect(crm.requests.length).toBe(sent);
  });

  it("input that fails the schema is refused before any request, and the refusal names the field", async () => {
    const alice = await contact("alice@example.com", true);
    const sent = crm.requests.length;
    const refused = await t.mutation(internal.system.actionRuns.request, {
      actionId: actionIds.request_refund!,
      conversationId: alice.conversationId,
      modelInput: { order_id: "1042", amount: -5 },
    });
    expect(refused).toMatchObject({ ok: false, refusal: expect.stringMatching(/amount/) });
    const missing = await say(alice, "I'd like a refund for order 1042", 1);
    expect(missing).toMatch(/amount/);
    expect(await runsOf(alice)).toEqual([]);
    expect(crm.requests.length).toBe(sent);
  });
});

describe("failures", () => {
  it("a 5xx (after the retries the idempotency key allows) and a 4xx are told in plain words; details go to operators", async () => {
    const carol = await contact("carol@example.com", true);
    await fetch(`${crm.url}/__faults`, { method: "POST", body: JSON.stringify({ status: 503, count: 3 }) });
    const reply = await say(carol, "please refund 10 for order 3010", 1);
    expect(reply).toMatch(/had a problem/);
    expect(reply).not.toMatch(/503/);
    const failed = await owner.query(api.private.approvals.listByStatus, {
      organizationId,
      status: "failed",
    });
    expect(failed[0]?.error).toMatchObject({ code: "target_error", httpStatus: 503 });
    expect(failed[0]?.error?.detail).toMatch(/HTTP 503/);

    const erin = await contact("erin@example.com", true);
    const notFound = await say(erin, "please look up my crm record", 1);
    expect(notFound).toMatch(/did not accept/);
  });

  it("a target slower than the action's timeout is cut off and reported", async () => {
    const { page: list } = {
      page: await owner.query(api.private.agentActions.get, {
        organizationId,
        actionId: actionIds.look_up_crm_record!,
      }),
    };
    const { _id, updatedAt, writeCredentialSet, ...definition } = list;
    void updatedAt;
    void writeCredentialSet;
    await owner.mutation(api.private.agentActions.update, {
      organizationId,
      actionId: _id,
      ...definition,
      headers: [{ name: "Authorization", secret: true }],
      timeoutMs: 300,
    });
    await fetch(`${crm.url}/__faults`, {
      method: "POST",
      body: JSON.stringify({ delayMs: 1_500, count: 3 }),
    });
    const alice = await contact("alice@example.com", true);
    const reply = await say(alice, "please look up my crm record", 1);
    expect(reply).toMatch(/did not answer in time/);
    await fetch(`${crm.url}/__faults`, { method: "DELETE" });
  });
});

describe("the egress policy", () => {
  it("refuses to save a private target without the operator's grant, and refuses the call once the grant is gone", async () => {
    const other = await createUser(t, "owner@elsewhere.test");
    const elsewhere = await other.as.mutation(api.private.organizations.create, { name: "Elsewhere" });
    const [definition] = demoActionDefinitions(crm.url);
    await expect(
      other.as.mutation(api.private.agentActions.create, {
        organizationId: elsewhere,
        ...definition!,
        headers: [{ name: "Authorization", secret: true, value: "Bearer x" }],
      }),
    ).rejects.toThrow(/may not reach 127\.0\.0\.1/);

    const outcome = await owner.action(api.private.agentActionTests.testAction, {
      organizationId,
      actionId: actionIds.look_up_crm_record!,
      sampleInputs: { customer_email: "alice@example.com" },
    });
    expect(outcome.response).toMatchObject({ kind: "response", httpStatus: 200 });
    await t.mutation(internal.system.networkAccess.revokePrivateNetworks, { organizationId });
    try {
      const refused = await owner.action(api.private.agentActionTests.testAction, {
        organizationId,
        actionId: actionIds.look_up_crm_record!,
        sampleInputs: { customer_email: "alice@example.com" },
      });
      expect(refused.response).toMatchObject({ kind: "error", code: "forbidden_network" });
    } finally {
      await grantPrivateNetworks(t, organizationId);
    }
  });

  it("a template naming an undeclared input cannot be saved", async () => {
    const [definition] = demoActionDefinitions(crm.url);
    await expect(
      owner.mutation(api.private.agentActions.create, {
        organizationId,
        ...definition!,
        name: "broken_refund",
        urlTemplate: `${crm.url}/refunds/{{ticket}}`,
        headers: [{ name: "Authorization", secret: true, value: "Bearer x" }],
      }),
    ).rejects.toThrow(/\{\{ticket\}\} is not a declared input/);
  });
});

describe("secrets", () => {
  it("the API key never reaches a client, the audit log, a scheduler argument or a log line", async () => {
    const actions = await owner.query(api.private.agentActions.list, { organizationId });
    expect(JSON.stringify(actions)).not.toContain(API_KEY);
    expect(actions[0]?.headers).toEqual([{ name: "Authorization", secret: true, set: true }]);
    const tested = await owner.action(api.private.agentActionTests.testAction, {
      organizationId,
      actionId: actionIds.look_up_crm_record!,
      sampleInputs: { customer_email: "alice@example.com" },
    });
    expect(tested.request.headers).toEqual([{ name: "Authorization", value: "••••••" }]);
    expect(JSON.stringify(tested)).not.toContain(API_KEY);
    const audit = await owner.query(api.private.auditLog.list, {
      organizationId,
      paginationOpts: { numItems: 200, cursor: null },
    });
    expect(audit.page.some((entry) => entry.operation === "action_call")).toBe(true);
    expect(audit.page.some((entry) => entry.operation === "action_decision")).toBe(true);
    expect(JSON.stringify(audit.page)).not.toContain(API_KEY);
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.some((job) => job.name.includes("actionExecutor"))).toBe(true);
    expect(JSON.stringify(scheduled)).not.toContain(API_KEY);
    const runs = await owner.query(api.private.approvals.listByStatus, {
      organizationId,
      status: "succeeded",
    });
    expect(JSON.stringify(runs)).not.toContain(API_KEY);
    expect(logged.join("\n")).not.toContain(API_KEY);
    // The CRM did get it: the key works, it just never leaves the backend.
    expect(crm.requests.some((r) => r.authorized)).toBe(true);
  });
});
