// Real n8n (docs/integrations/n8n) against the local stack `pnpm dev` runs: the shipped workflow files
// are created and activated through n8n's public API (src/n8n-api.ts says why not `n8n import:workflow`)
// and driven end to end.
// (a) An escalation is sent to n8n's Webhook trigger signed per Standard Webhooks; the workflow checks
// the signature in a Code node and calls back POST /v1/conversations/{id}/messages with a team note.
// (b) A channel bridge: n8n's HTTP Request node asks POST /v1/answers for a verified customer.
// `pnpm test:n8n`; not part of `pnpm test` (the first run installs n8n, ~8 minutes).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import { startStack, type Stack } from "@answerbase/e2e/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOperator, signedIn } from "../src/deployment.ts";
import { ensureN8n } from "../src/install.ts";
import { createApiKey, installWorkflow, setUpOwner } from "../src/n8n-api.ts";
import { createN8n, type N8n } from "../src/n8n-process.ts";

const WORKFLOWS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../docs/integrations/n8n",
);
const WORKFLOW_FILES = ["escalation-note.workflow.json", "channel-bridge.workflow.json"];
/** The throwaway instance's owner (its user folder is deleted after the run). */
const N8N_OWNER = { email: "owner@n8n-suite.test", password: "Suite-owner-1" };

let stack: Stack;
let n8n: N8n;
let user: Awaited<ReturnType<typeof signedIn>>;
let organizationId: string;
let apiKey: string;
let endpointId: string;
const scratch = mkdtempSync(path.join(tmpdir(), "answerbase-n8n-suite-"));
const timings: Record<string, number> = {};

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
  }
}

/** A /v1 call with the suite's key, as any integration makes it. */
async function v1(method: "GET" | "POST", route: string, body?: unknown) {
  const response = await fetch(`${stack.dev.convex.siteUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function notes(conversationId: string): Promise<string[]> {
  const { events } = (await user("query", "private/conversationTeam:timeline", {
    organizationId,
    conversationId,
  })) as { events: { event: { kind: string; text?: string } }[] };
  return events.flatMap(({ event }) => (event.kind === "note" ? [event.text ?? ""] : []));
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  const entry = await timed("install (0 when already installed)", ensureN8n);
  n8n = await createN8n(entry);
  stack = await timed("stack", () => startStack({ knowledgeBase: false }));
  organizationId = stack.dev.seed.organizationId;
  // The operator's grant (docs/integrations/n8n/README.md): n8n listens on this machine's loopback,
  // which the egress policy refuses to tenants' webhooks otherwise.
  await asOperator(stack.dev)("mutation", "system/networkAccess:grantPrivateNetworks", { organizationId });
  user = await signedIn(stack.dev, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
  ({ secret: apiKey } = (await user("mutation", "private/apiKeys:create", {
    organizationId,
    name: "n8n",
    scopes: ["answers", "conversations:read", "conversations:write", "customers:assert"],
  })) as { secret: string });

  const endpoint = (await user("mutation", "private/webhooks:create", {
    organizationId,
    url: `${n8n.url}/webhook/answerbase-escalations`,
    description: "n8n: escalations to a team note",
    eventTypes: ["conversation.escalated"],
  })) as { endpointId: string; secret: string };
  endpointId = endpoint.endpointId;

  // The key as the workflows' "Answerbase API key" credential (Header Auth).
  const credentials = path.join(scratch, "credentials.json");
  writeFileSync(
    credentials,
    JSON.stringify([
      {
        id: "AnswerbaseApiKey",
        name: "Answerbase API key",
        type: "httpHeaderAuth",
        data: { name: "Authorization", value: `Bearer ${apiKey}` },
      },
    ]),
  );
  // The credential from the CLI, before n8n starts: it keeps the id the workflows' HTTP Request nodes name.
  await timed("import credential", () => n8n.cli(["import:credentials", `--input=${credentials}`]));
  await timed("n8n start", () =>
    n8n.start({ ANSWERBASE_API_URL: stack.dev.convex.siteUrl, ANSWERBASE_WEBHOOK_SECRET: endpoint.secret }),
  );
  // The workflows as a user installs them (docs/integrations/n8n/README.md): an n8n API key, then
  // each file through the public API, activated.
  await timed("install and activate workflows", async () => {
    const session = await setUpOwner(n8n.url, N8N_OWNER);
    const n8nApiKey = await createApiKey(n8n.url, session, "answerbase suite");
    for (const file of WORKFLOW_FILES) await installWorkflow(n8n.url, n8nApiKey, path.join(WORKFLOWS, file));
  });
});

afterAll(async () => {
  await n8n?.stop();
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
  console.log(`n8n suite timings (s): ${JSON.stringify(timings)}`);
});

describe("n8n receives a signed escalation and answers with a team note", () => {
  it("checks the Standard Webhooks signature and posts the note through /v1", async () => {
    await timed("scenario (a)", async () => {
      const started = await v1("POST", "/v1/answers", {
        question: "what is your return policy?",
        customer: { email: "alice@example.com" },
      });
      expect(started.status).toBe(200);
      const conversationId = started.body.conversationId as string;
      const escalated = await v1("POST", `/v1/conversations/${conversationId}/escalate`, {
        reason: "Asked for a person on WhatsApp.",
      });
      expect(escalated.body).toMatchObject({ status: "escalated" });

      const [note] = await until(
        "the note",
        () => notes(conversationId),
        (found) => found.length > 0,
      );
      expect(note).toMatch(/^n8n: escalation received \(Asked for a person on WhatsApp\.\), webhook-id msg_/);
      // Answerbase saw n8n's 204 (the "Accepted" node, reached only after a valid signature).
      const { page } = (await user("query", "private/webhooks:deliveries", {
        organizationId,
        endpointId,
        paginationOpts: { numItems: 10, cursor: null },
      })) as {
        page: { status: { kind: string }; attempts: number; lastAttempt: unknown; webhookId: string }[];
      };
      expect(page).toHaveLength(1);
      expect(page[0]).toMatchObject({
        status: { kind: "succeeded" },
        attempts: 1,
        lastAttempt: { outcome: { kind: "response", httpStatus: 204 } },
      });
      expect(note).toContain(page[0]!.webhookId);

      // A request n8n cannot verify (another secret) is refused with 401 and posts nothing.
      const forged = await fetch(`${n8n.url}/webhook/answerbase-escalations`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": "msg_forged",
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": `v1,${Buffer.alloc(32, 7).toString("base64")}`,
        },
        body: JSON.stringify({
          type: "conversation.escalated",
          timestamp: new Date().toISOString(),
          data: { conversationId, by: "contact", reason: "forged" },
        }),
      });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toEqual({ error: "invalid signature" });
      expect(await notes(conversationId)).toHaveLength(1);
    });
  });
});

describe("n8n as a channel bridge", () => {
  it("asks /v1/answers for a verified customer and replies with the agent's answer", async () => {
    await timed("scenario (b)", async () => {
      const response = await fetch(`${n8n.url}/webhook/answerbase-channel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: "alice@example.com", text: "where is my order #1001?" }),
      });
      expect(response.status).toBe(200);
      const reply = (await response.json()) as Record<string, string>;
      // Alice's own order, from the database: the key vouched for her (customers:assert).
      expect(reply).toMatchObject({ to: "alice@example.com", source: "database" });
      expect(reply.reply).toMatch(/1Z999AA10123456784/);
      const conversation = await v1("GET", `/v1/conversations/${reply.conversationId}`);
      expect(conversation.body).toMatchObject({
        customer: { email: "alice@example.com", verified: true },
      });
      // The inbox labels it as an API conversation.
      const inbox = (await user("query", "private/conversations:get", {
        organizationId,
        conversationId: reply.conversationId,
      })) as { conversation: { channel?: string }; answers: { channel: string }[] };
      expect(inbox.conversation.channel).toBe("api");
      expect(inbox.answers.map((answer) => answer.channel)).toEqual(["api"]);
    });
  });
});
