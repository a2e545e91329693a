// Database write-back (`db_insert` actions) on a real database (PGlite by default, PostgreSQL 15 with
// TEST_DATABASE_URL): one row into the admin's table through the action's own write credential, the
// customer's id read on the server through the customer policy's owner path, values bound (SQL in a
// value is stored as text), refusals in plain words with the SQLSTATE for operators, "Test" rolled
// back, and the write credential never returned, audited or logged.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { signIdentity } from "../convex/contacts/identity.ts";
import {
  createUser,
  demoConfigs,
  deploymentEnv,
  grantPrivateNetworks,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";

const WRITE_PASSWORD = "w-secret-5c81e07d";
/** On PostgreSQL 15 the write credential is a real least-privilege role (cluster-wide: unique name). */
const WRITER = `writer_${randomBytes(4).toString("hex")}`;
const logged: string[] = [];
let cloud: TestCloud;
let t: Backend;
let owner: Caller;
let organizationId: Id<"organizations">;
let widgetSecret: string;
let writeUrl: string;

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: cloud.postgres.url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const outcomes = () =>
  sql<{ id: string; customer_id: string; outcome: string; note: string | null }>(
    "SELECT id::text, customer_id::text, outcome, note FROM public.call_outcomes ORDER BY id",
  );

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(" ")),
    );
  cloud = await startTestCloud();
  await sql(`CREATE TABLE public.call_outcomes (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers(id),
    outcome text NOT NULL CHECK (outcome IN ('resolved', 'callback', 'escalated')),
    note text
  )`);
  if (cloud.postgres.kind === "postgres-server")
    await sql(`CREATE ROLE ${WRITER} LOGIN PASSWORD '${WRITE_PASSWORD}';
      GRANT INSERT, SELECT (id) ON public.call_outcomes TO ${WRITER};
      GRANT USAGE ON SEQUENCE public.call_outcomes_id_seq TO ${WRITER}`);
  const url = new URL(cloud.postgres.url);
  url.username = WRITER;
  url.password = WRITE_PASSWORD;
  writeUrl = url.toString();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  const user = await createUser(t, "owner@calls.test");
  owner = user.as;
  organizationId = await owner.mutation(api.private.organizations.create, { name: "Calls" });
  await grantPrivateNetworks(t, organizationId);
  await owner.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud).postgres!,
  });
  await owner.mutation(api.private.dataSources.setPolicy, {
    organizationId,
    schema: "public",
    table: "customers",
    policy: { kind: "customer", ownerPath: [], ownerColumn: "email" },
  });
  widgetSecret = (await owner.mutation(api.private.widgetIdentity.rotateSecret, { organizationId })).secret;
}, 300_000);
afterAll(async () => {
  vi.restoreAllMocks();
  const server = cloud?.postgres.kind === "postgres-server" ? process.env.TEST_DATABASE_URL : undefined;
  await cloud?.stop();
  if (server !== undefined) {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP ROLE IF EXISTS ${WRITER}`).finally(() => client.end());
  }
});

/** The call-outcome action: the model gives outcome and note, the server the customer's id. */
function definition(overrides: Record<string, unknown> = {}) {
  return {
    organizationId,
    name: "record_call_outcome",
    description: "Records how the customer's call ended, once the customer confirms the outcome.",
    kind: "db_insert" as const,
    method: "POST" as const,
    urlTemplate: "",
    headers: [],
    modelInputSchema: JSON.stringify({
      type: "object",
      properties: {
        outcome: { type: "string", description: "resolved, callback or escalated" },
        note: { type: "string", description: "what was agreed" },
      },
      required: ["outcome"],
    }),
    contextInputs: [
      {
        name: "customer_id",
        from: "customer.column" as const,
        schema: "public",
        table: "customers",
        column: "id",
      },
    ],
    redactedInputs: ["note"],
    responseFields: [],
    gate: { kind: "none" as const },
    priority: "normal" as const,
    expiresAfterMinutes: 60,
    timeoutMs: 5_000,
    enabled: true,
    insert: {
      schema: "public",
      table: "call_outcomes",
      columns: [
        { column: "customer_id", input: "customer_id" },
        { column: "outcome", input: "outcome" },
        { column: "note", input: "note" },
      ],
      returning: [],
    },
    writeConnectionString: writeUrl,
    ...overrides,
  };
}

async function conversation(email: string, verified: boolean) {
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId,
    name: email.split("@")[0]!,
    email,
    ...(verified ? { signature: await signIdentity(widgetSecret, email) } : {}),
  });
  return (await t.mutation(api.public.conversations.start, { sessionToken })).conversationId;
}

/** The agent tool's path without a model: the model input as the model would send it. */
const request = (actionId: Id<"agentActions">, conversationId: Id<"conversations">, modelInput: object) =>
  t.action(internal.system.actionExecutor.requestNow, { actionId, conversationId, modelInput });

let actionId: Id<"agentActions">;

describe("saving", () => {
  it("checks the table, columns and types against the catalog, naming the field", async () => {
    const base = definition();
    await expect(
      owner.action(api.private.agentActionInserts.save, {
        ...base,
        insert: { ...base.insert, table: "call_outcomez" },
      }),
    ).rejects.toMatchObject({
      data: { code: "invalid_input", message: expect.stringMatching(/no table public.call_outcomez/) },
    });
    await expect(
      owner.action(api.private.agentActionInserts.save, {
        ...base,
        insert: { ...base.insert, columns: [...base.insert.columns, { column: "nope", input: "note" }] },
      }),
    ).rejects.toMatchObject({
      data: { fields: [{ field: "insert", message: 'public.call_outcomes has no column "nope".' }] },
    });
    await expect(
      owner.action(api.private.agentActionInserts.save, {
        ...base,
        modelInputSchema: JSON.stringify({
          type: "object",
          properties: { outcome: { type: "boolean" }, note: { type: "string" } },
        }),
      }),
    ).rejects.toMatchObject({
      data: { message: expect.stringMatching(/Column "outcome" is text: input "outcome" \(boolean\)/) },
    });
    // An owner-path input from a table without a customer policy has no owner to read it for.
    await expect(
      owner.action(api.private.agentActionInserts.save, {
        ...base,
        contextInputs: [{ ...base.contextInputs[0]!, table: "products" }],
      }),
    ).rejects.toMatchObject({ data: { fields: [expect.objectContaining({ field: "contextInputs" })] } });
    await expect(
      owner.action(api.private.agentActionInserts.save, { ...base, writeConnectionString: undefined }),
    ).rejects.toMatchObject({
      data: { fields: [{ field: "writeConnectionString", message: "Give the write credential." }] },
    });
    // The HTTP save path cannot skip the catalog check.
    await expect(owner.mutation(api.private.agentActions.create, base)).rejects.toMatchObject({
      data: { code: "invalid_input" },
    });
  });

  it("saves the table with its primary key as RETURNING, and never returns the write credential", async () => {
    actionId = await owner.action(api.private.agentActionInserts.save, definition());
    const view = await owner.query(api.private.agentActions.get, { organizationId, actionId });
    expect(view.insert).toEqual({ ...definition().insert, returning: ["id"] });
    expect(view.writeCredentialSet).toBe(true);
    const everything = JSON.stringify([
      await owner.query(api.private.agentActions.list, { organizationId }),
      await t.run((ctx) => ctx.db.query("agentActions").collect()),
      await t.run((ctx) => ctx.db.query("agentActionSecrets").collect()),
      await t.run((ctx) => ctx.db.query("auditEvents").collect()),
    ]);
    expect(everything).not.toContain(WRITE_PASSWORD);
    expect(everything).not.toContain(`${WRITER}:`);
  });
});

describe("a run", () => {
  it("inserts one row with the verified customer's id; the model chooses neither table, columns nor the id", async () => {
    const alice = await conversation("alice@example.com", true);
    const injected = "x'); DROP TABLE public.call_outcomes; --";
    const run = await request(actionId, alice, {
      outcome: "resolved",
      note: injected,
      // Not in the model schema: dropped before anything is stored or sent.
      customer_id: "2",
      table: "customers",
      columns: ["email"],
    });
    expect(run).toMatchObject({ ok: true, status: "succeeded" });
    expect(run.message).toMatch(/went through\. id: \d+/);
    const rows = await outcomes();
    expect(rows).toEqual([{ id: expect.any(String), customer_id: "1", outcome: "resolved", note: injected }]);
    // Stored literally: the table is still there and the customers untouched.
    expect((await sql("SELECT count(*)::int AS n FROM public.customers"))[0]).toEqual({ n: 8 });
    const stored = await t.run((ctx) =>
      ctx.db
        .query("actionRuns")
        .filter((q) => q.eq(q.field("conversationId"), alice))
        .collect(),
    );
    expect(stored[0]!.result?.fields).toEqual([{ field: "id", value: rows[0]!.id }]);
    const audit = await t.run((ctx) => ctx.db.query("auditEvents").collect());
    const call = audit.find((e) => e.operation === "action_call" && e.action === "record_call_outcome");
    expect(call?.detail).toContain('note="[redacted]"');
    expect(call?.httpStatus).toBeUndefined();
    expect(call?.detail).toContain('customer_id="1"');
    expect(JSON.stringify(audit)).not.toContain(injected);
  });

  it("refuses an unverified visitor before anything is stored or written", async () => {
    const visitor = await conversation("carol@example.com", false);
    const before = (await outcomes()).length;
    const run = await request(actionId, visitor, { outcome: "resolved" });
    expect(run).toMatchObject({ ok: false, status: "refused", message: expect.stringMatching(/sign in/) });
    expect(await outcomes()).toHaveLength(before);
    const runs = await t.run((ctx) =>
      ctx.db
        .query("actionRuns")
        .filter((q) => q.eq(q.field("conversationId"), visitor))
        .collect(),
    );
    expect(runs).toHaveLength(0);
  });

  it("a refused insert is told in plain words, with the SQLSTATE for operators", async () => {
    const bob = await conversation("bob@example.com", true);
    const before = (await outcomes()).length;
    // "maybe" passes the model schema (a string) and breaks the table's CHECK constraint.
    const run = await request(actionId, bob, { outcome: "maybe" });
    expect(run).toMatchObject({ ok: false, status: "failed" });
    expect(run.message).toMatch(/did not accept it/);
    expect(run.message).not.toMatch(/SQLSTATE|constraint|23514/);
    const [failed] = await t.run((ctx) =>
      ctx.db
        .query("actionRuns")
        .filter((q) => q.eq(q.field("conversationId"), bob))
        .collect(),
    );
    expect(failed!.error).toMatchObject({
      code: "insert_refused",
      detail: expect.stringMatching(/^SQLSTATE 23514: .*check constraint/),
    });
    expect(await outcomes()).toHaveLength(before);
  });

  it("writes only through the write credential: an unreachable one fails the run, the lookup connection is not used", async () => {
    const closedPort = new URL(writeUrl);
    closedPort.port = "9";
    const brokenId = await owner.action(api.private.agentActionInserts.save, {
      ...definition({ name: "record_call_outcome_broken", writeConnectionString: closedPort.toString() }),
    });
    const alice = await conversation("alice@example.com", true);
    const before = (await outcomes()).length;
    const run = await request(brokenId, alice, { outcome: "callback" });
    expect(run).toMatchObject({
      ok: false,
      status: "failed",
      message: expect.stringMatching(/could not be reached/),
    });
    expect(await outcomes()).toHaveLength(before);
    // The lookup connection itself is fine: the owner-path id was read through it for this same run.
    const [failed] = await t.run((ctx) =>
      ctx.db
        .query("actionRuns")
        .filter((q) => q.eq(q.field("actionId"), brokenId))
        .collect(),
    );
    expect(failed!.inputs).toContainEqual({ name: "customer_id", value: "1", redacted: false });
    expect(failed!.error?.code).toBe("network");
  });

  it("waits for an operator like an HTTP write, and inserts once approved", async () => {
    const gatedId = await owner.action(
      api.private.agentActionInserts.save,
      definition({ name: "record_escalation", gate: { kind: "operator" } }),
    );
    const bob = await conversation("bob@example.com", true);
    const before = (await outcomes()).length;
    const run = await request(gatedId, bob, { outcome: "escalated", note: "manager call" });
    expect(run.status).toBe("pending_approval");
    expect(await outcomes()).toHaveLength(before);
    const [pending] = await t.run((ctx) =>
      ctx.db
        .query("actionRuns")
        .filter((q) => q.eq(q.field("actionId"), gatedId))
        .collect(),
    );
    await owner.mutation(api.private.approvals.decide, {
      organizationId,
      runId: pending!._id,
      decision: "approve",
    });
    await t.finishAllScheduledFunctions(() => undefined);
    const rows = await outcomes();
    expect(rows.at(-1)).toMatchObject({ customer_id: "2", outcome: "escalated", note: "manager call" });
    const done = await t.run((ctx) => ctx.db.get(pending!._id));
    expect(done?.status).toBe("succeeded");
  });
});

describe("Test in the dashboard", () => {
  it("runs the INSERT through the write credential and rolls it back", async () => {
    const before = await outcomes();
    const tested = await owner.action(api.private.agentActionInserts.test, {
      organizationId,
      actionId,
      sampleInputs: { customer_id: "3", outcome: "callback", note: "test" },
    });
    expect(tested).toMatchObject({
      kind: "rolled_back",
      statement:
        'INSERT INTO "public"."call_outcomes" ("customer_id", "outcome", "note") VALUES ($1, $2, $3) RETURNING "id"',
      key: [{ field: "id", value: expect.any(String) }],
    });
    expect(await outcomes()).toEqual(before);
    const refused = await owner.action(api.private.agentActionInserts.test, {
      organizationId,
      actionId,
      sampleInputs: { customer_id: "999", outcome: "callback" },
    });
    expect(refused).toMatchObject({
      kind: "error",
      code: "insert_refused",
      message: expect.stringMatching(/SQLSTATE 23503/),
    });
  });

  it("never logged the write credential", () => {
    expect(logged.join("\n")).not.toContain(WRITE_PASSWORD);
  });
});
