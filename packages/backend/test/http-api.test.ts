// The /v1 HTTP API as a caller uses it (`t.fetch` on the deployment's HTTP router): keys and scopes,
// every problem code, body limits, Idempotency-Key, the OpenAPI document, each endpoint on the demo
// organization, and that a key never reaches another organization.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { signIdentity } from "../convex/contacts/identity.ts";
import { ROUTES } from "../convex/httpApi/routes.ts";
import type { ApiScope } from "../convex/shared/apiKeys.ts";
import {
  createUser,
  deploymentEnv,
  ingestionSettled,
  seedDemo,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: Caller;
let widgetSecret: string;
/** A key with every scope in the demo organization, and one in another organization. */
let allScopes: string;
let otherOrganizationKey: string;

const ALL: ApiScope[] = [
  "answers",
  "lookups",
  "conversations:read",
  "conversations:write",
  "customers:assert",
  "sql",
];

async function newKey(scopes: ApiScope[], as: Caller = owner, organization = organizationId) {
  return await as.mutation(api.private.apiKeys.create, {
    organizationId: organization,
    name: `test key ${scopes.join(" ")}`.slice(0, 80),
    scopes,
  });
}

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  const demo = await seedDemo(t, cloud);
  ({ organizationId, owner } = demo);
  await ingestionSettled(owner, organizationId);
  await t.run(async (ctx) =>
    ctx.db.insert("namedLookups", {
      organizationId,
      dataSourceId: (await ctx.db.query("dataSources").first())!._id,
      name: "order_status",
      description: "Status of an order by its number.",
      sql: "SELECT order_number, status FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "text", description: "The order number" }],
      updatedAt: Date.now(),
      updatedBy: demo.userId,
    }),
  );
  ({ secret: widgetSecret } = await owner.mutation(api.private.widgetIdentity.rotateSecret, {
    organizationId,
  }));
  allScopes = (await newKey(ALL)).secret;
  const other = await createUser(t, "owner@other.test");
  const otherOrganization = await other.as.mutation(api.private.organizations.create, { name: "Other" });
  otherOrganizationKey = (await newKey(ALL, other.as, otherOrganization)).secret;
});
afterAll(async () => {
  await t?.finishInProgressScheduledFunctions();
  await cloud?.stop();
});

interface Sent {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

async function call(
  method: "GET" | "POST" | "PUT",
  path: string,
  options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const key = options.key === undefined ? allScopes : options.key;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await t.fetch(path, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // An event stream: the test reads `text`.
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

function expectProblem(sent: Sent, status: number, code: string) {
  expect({ status: sent.status, code: sent.body.code }).toEqual({ status, code });
  expect(sent.headers.get("content-type")).toBe("application/problem+json");
  expect(sent.body).toMatchObject({ status, type: `urn:answerbase:problem:${code}` });
}

const cellsOf = (body: Record<string, unknown>) =>
  ((body.result as { rows?: { rows: unknown[][] }[] }).rows ?? []).flatMap((set) =>
    set.rows.flat().map(String),
  );

async function newConversation(question = "What is your return policy?", key = allScopes) {
  const sent = await call("POST", "/v1/answers", { key, body: { question } });
  expect(sent.status).toBe(200);
  return sent.body.conversationId as string;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1, needs no key, and lists exactly the routes the router serves", async () => {
    const sent = await call("GET", "/v1/openapi.json", { key: null });
    expect(sent.status).toBe(200);
    const document = sent.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    // The request schema is the one the handler validates with: a required field and a bound.
    const answers = document.paths["/v1/answers"]!.post as {
      requestBody: {
        content: {
          "application/json": {
            schema: { required: string[]; properties: Record<string, { maxLength?: number }> };
          };
        };
      };
      "x-required-scope": string;
    };
    const schema = answers.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["question"]);
    expect(schema.properties.question?.maxLength).toBe(10_000);
    expect(answers["x-required-scope"]).toBe("answers");
    const sql = document.paths["/v1/sql"]!.post as {
      "x-required-scope": string;
      responses: Record<string, unknown>;
    };
    expect(sql["x-required-scope"]).toBe("sql");
    expect(Object.keys(sql.responses)).toEqual(expect.arrayContaining(["200", "409", "422", "502"]));
  });
});

describe("keys", () => {
  it("refuses a missing, unknown, revoked or expired key with 401 and its code", async () => {
    expectProblem(await call("GET", "/v1/tools", { key: null }), 401, "unauthenticated");
    expectProblem(await call("GET", "/v1/tools", { key: "not-a-key" }), 401, "unauthenticated");
    expectProblem(
      await call("GET", "/v1/tools", { key: `ab_live_00000000_${"0".repeat(64)}` }),
      401,
      "invalid_api_key",
    );

    const revoked = await newKey(["lookups"]);
    expect((await call("GET", "/v1/tools", { key: revoked.secret })).status).toBe(200);
    await owner.mutation(api.private.apiKeys.revoke, { organizationId, apiKeyId: revoked.apiKeyId });
    expectProblem(await call("GET", "/v1/tools", { key: revoked.secret }), 401, "api_key_revoked");

    const expiring = await owner.mutation(api.private.apiKeys.create, {
      organizationId,
      name: "one day",
      scopes: ["lookups"],
      expiresInDays: 1,
    });
    expect((await call("GET", "/v1/tools", { key: expiring.secret })).status).toBe(200);
    await t.run((ctx) => ctx.db.patch(expiring.apiKeyId, { expiresAt: Date.now() - 1 }));
    expectProblem(await call("GET", "/v1/tools", { key: expiring.secret }), 401, "api_key_expired");

    const listed = await owner.query(api.private.apiKeys.list, { organizationId });
    expect(listed.find((k) => k._id === revoked.apiKeyId)).toMatchObject({
      state: "revoked",
      prefix: revoked.prefix,
    });
    expect(listed.find((k) => k._id === expiring.apiKeyId)).toMatchObject({ state: "expired" });
    // The list never carries the secret or its hash.
    expect(JSON.stringify(listed)).not.toContain(revoked.secret);
    expect(JSON.stringify(listed)).not.toMatch(/secretHash/);
  });

  it("stores only the hash of the secret, shows the prefix and when the key was last used", async () => {
    const created = await newKey(["lookups"]);
    expect(created.secret).toMatch(new RegExp(`^ab_live_${created.prefix}_[0-9a-f]{64}$`));
    const stored = await t.run((ctx) => ctx.db.get(created.apiKeyId));
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(17));
    const before = (await owner.query(api.private.apiKeys.list, { organizationId })).find(
      (k) => k._id === created.apiKeyId,
    );
    expect(before?.lastUsedAt).toBeNull();
    await call("GET", "/v1/tools", { key: created.secret });
    const after = (await owner.query(api.private.apiKeys.list, { organizationId })).find(
      (k) => k._id === created.apiKeyId,
    );
    expect(after?.lastUsedAt).toEqual(expect.any(Number));
  });

  it("refuses a key without the endpoint's scope with 403", async () => {
    const lookupsOnly = (await newKey(["lookups"])).secret;
    expectProblem(await call("GET", "/v1/conversations", { key: lookupsOnly }), 403, "insufficient_scope");
    expectProblem(
      await call("POST", "/v1/answers", { key: lookupsOnly, body: { question: "hi" } }),
      403,
      "insufficient_scope",
    );
    const readOnly = (await newKey(["conversations:read"])).secret;
    const conversationId = await newConversation();
    expect((await call("GET", `/v1/conversations/${conversationId}`, { key: readOnly })).status).toBe(200);
    expectProblem(
      await call("POST", `/v1/conversations/${conversationId}/resolve`, { key: readOnly }),
      403,
      "insufficient_scope",
    );
    expectProblem(
      await call("POST", "/v1/lookups", { key: readOnly, body: { question: "hi" } }),
      403,
      "insufficient_scope",
    );
  });

  it("limits each key: 429 with Retry-After once its burst is spent, other keys unaffected", async () => {
    const busy = (await newKey(["lookups"])).secret;
    // A burst of 120, refilled at 10 a second: however slow the machine, the burst gets through first.
    let allowed = 0;
    let limited = await call("GET", "/v1/tools", { key: busy });
    while (limited.status === 200 && allowed < 1_000) {
      allowed += 1;
      limited = await call("GET", "/v1/tools", { key: busy });
    }
    expect(allowed).toBeGreaterThanOrEqual(120);
    expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.retryAfterSeconds).toEqual(Number(limited.headers.get("retry-after")));
    expect((await call("GET", "/v1/tools")).status).toBe(200);
  });

  it("only admins manage keys", async () => {
    const member = await createUser(t, "member@brightside.test");
    await t.run((ctx) =>
      ctx.db.insert("memberships", { organizationId, userId: member.userId, role: "member" }),
    );
    await expect(newKey(["lookups"], member.as)).rejects.toMatchObject({ data: { code: "forbidden" } });
    await expect(member.as.query(api.private.apiKeys.list, { organizationId })).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
  });

  it("refuses a key without a name or scope, naming the fields", async () => {
    await expect(
      owner.mutation(api.private.apiKeys.create, { organizationId, name: " ", scopes: [], expiresInDays: 0 }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_input",
        fields: [
          { field: "name", message: expect.any(String) },
          { field: "scopes", message: expect.any(String) },
          { field: "expiresInDays", message: expect.any(String) },
        ],
      },
    });
  });
});

describe("bad requests", () => {
  it("400 lists every invalid field; malformed JSON is 400 invalid_json", async () => {
    const sent = await call("POST", "/v1/lookups", {
      body: { question: 5, colour: "red", customer: { email: "not an e-mail" } },
    });
    expectProblem(sent, 400, "invalid_input");
    const fields = (sent.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(["colour", "customer.email", "question"]);
    expectProblem(await call("POST", "/v1/lookups", { raw: '{"question": "where' }), 400, "invalid_json");
    const query = await call("GET", "/v1/conversations?limit=1000&status=open");
    expectProblem(query, 400, "invalid_input");
    expect((query.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "query.limit",
      "query.status",
    ]);
  });

  it("413 for a body over 1 MB, by Content-Length or as it streams; 415 for a body that is not JSON", async () => {
    const big = JSON.stringify({ question: "x".repeat(1024 * 1024 + 10) });
    expectProblem(await call("POST", "/v1/lookups", { raw: big }), 413, "payload_too_large");
    const declared = await t.fetch("/v1/lookups", {
      method: "POST",
      headers: {
        authorization: `Bearer ${allScopes}`,
        "content-type": "application/json",
        "content-length": "2000000",
      },
      body: '{"question":"hi"}',
    });
    expect(declared.status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await t.fetch("/v1/lookups", {
      method: "POST",
      headers: { authorization: `Bearer ${allScopes}`, "content-type": "application/json" },
      body: streamed,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expectProblem(
      await call("POST", "/v1/lookups", { raw: "question=hi", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
  });

  it("404 for an unknown route or conversation, 405 for a known route's other method; no CORS headers", async () => {
    expectProblem(await call("GET", "/v1/nothing-here"), 404, "not_found");
    expectProblem(await call("GET", "/v1/conversations/not-an-id"), 404, "not_found");
    const wrong = await call("GET", "/v1/lookups");
    expectProblem(wrong, 405, "method_not_allowed");
    expect(wrong.headers.get("allow")).toBe("POST");
    expectProblem(await call("PUT", "/v1/conversations"), 405, "method_not_allowed");
    const preflight = await t.fetch("/v1/lookups", {
      method: "OPTIONS",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    for (const sent of [wrong, await call("GET", "/v1/tools"), await call("GET", "/v1/openapi.json")]) {
      expect(sent.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored answer for the same POST, refuses the key with another body (422)", async () => {
    const conversationId = await newConversation();
    const post = (text: string) =>
      call("POST", `/v1/conversations/${conversationId}/messages`, {
        body: { text, as: "operator" },
        headers: { "idempotency-key": `reply-${conversationId}` },
      });
    const first = await post("We are on it.");
    expect(first.status).toBe(200);
    const again = await post("We are on it.");
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expectProblem(await post("Something else."), 422, "idempotency_key_reused");
    const messages = await call("GET", `/v1/conversations/${conversationId}/messages`);
    const operatorTexts = (messages.body.data as { from: string; text: string }[]).filter(
      (m) => m.from === "operator",
    );
    expect(operatorTexts.map((m) => m.text)).toEqual(["We are on it."]);
  });

  it("two requests racing with the same key run once: the other gets 409 (or, if the first already finished, its answer)", async () => {
    const idempotencyKey = `race-${Date.now()}`;
    const ask = () =>
      call("POST", "/v1/answers", {
        body: { question: "What is your return policy?" },
        headers: { "idempotency-key": idempotencyKey },
      });
    const sent = await Promise.all([ask(), ask()]);
    const ran = sent.filter((r) => r.status === 200 && r.headers.get("idempotent-replayed") === null);
    expect(ran).toHaveLength(1);
    const other = sent.find((r) => r !== ran[0])!;
    if (other.status === 409) expectProblem(other, 409, "idempotency_in_progress");
    else expect(other.body.conversationId).toBe(ran[0]!.body.conversationId);
    // Afterwards the same request gets the one run's answer; no key stays held.
    const replayed = await ask();
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.body.conversationId).toBe(ran[0]!.body.conversationId);
    expect(await t.run((ctx) => ctx.db.query("apiIdempotencyLocks").collect())).toEqual([]);
  });
});

describe("POST /v1/lookups", () => {
  const question = "where is my order #1001?";

  it("anonymous: public data only; a key with customers:assert speaks for a verified customer", async () => {
    const lookupsOnly = (await newKey(["lookups"])).secret;
    const anonymous = await call("POST", "/v1/lookups", { key: lookupsOnly, body: { question } });
    expect(anonymous.status).toBe(200);
    expect(cellsOf(anonymous.body)).not.toContain("1Z999AA10123456784");
    // Without customers:assert, an e-mail alone proves nothing.
    const claimed = await call("POST", "/v1/lookups", {
      key: lookupsOnly,
      body: { question, customer: { email: "alice@example.com" } },
    });
    expect(cellsOf(claimed.body)).not.toContain("1Z999AA10123456784");

    const asserted = await call("POST", "/v1/lookups", {
      body: { question, customer: { email: "alice@example.com" } },
    });
    expect(asserted.status).toBe(200);
    expect(asserted.body.result).toMatchObject({ source: "database" });
    expect(cellsOf(asserted.body)).toEqual(expect.arrayContaining(["shipped", "UPS", "1Z999AA10123456784"]));
    expect(asserted.body.timings).toMatchObject({
      totalMs: expect.any(Number),
      database: { outcome: "ok" },
      knowledgeBase: { outcome: expect.any(String) },
    });
  });

  it("the site's identity signature verifies the customer as in the widget; a wrong one is 403", async () => {
    const lookupsOnly = (await newKey(["lookups"])).secret;
    const signature = await signIdentity(widgetSecret, "alice@example.com");
    const signed = await call("POST", "/v1/lookups", {
      key: lookupsOnly,
      body: { question, customer: { email: "alice@example.com", signature } },
    });
    expect(cellsOf(signed.body)).toContain("1Z999AA10123456784");
    const forged = await call("POST", "/v1/lookups", {
      key: lookupsOnly,
      body: { question, customer: { email: "bob@example.com", signature } },
    });
    expectProblem(forged, 403, "forbidden");
  });

  it("runs a named lookup by name with its arguments", async () => {
    const sent = await call("POST", "/v1/lookups", {
      body: {
        lookup: "order_status",
        args: { order_number: "1001" },
        customer: { email: "alice@example.com" },
      },
    });
    expect(sent.status).toBe(200);
    expect(cellsOf(sent.body)).toEqual(expect.arrayContaining(["1001", "shipped"]));
    expectProblem(
      await call("POST", "/v1/lookups", { body: { lookup: "no_such_lookup", args: {} } }),
      404,
      "not_found",
    );
    expectProblem(await call("POST", "/v1/lookups", { body: {} }), 400, "invalid_input");
  });
});

describe("GET /v1/tools", () => {
  it("gives the lookup and every named lookup in OpenAI, Anthropic and Bedrock shapes", async () => {
    const openai = await call("GET", "/v1/tools");
    expect(openai.body.format).toBe("openai");
    const tools = openai.body.tools as {
      type: string;
      function: { name: string; parameters: Record<string, unknown> };
    }[];
    expect(tools.map((tool) => tool.function.name)).toEqual(["lookup", "lookup_order_status"]);
    expect(tools[1]).toMatchObject({
      type: "function",
      function: {
        description: "Status of an order by its number.",
        parameters: {
          type: "object",
          required: ["order_number"],
          properties: { order_number: { type: "string" } },
        },
      },
    });
    const anthropic = await call("GET", "/v1/tools?format=anthropic");
    expect(anthropic.body.tools).toEqual(
      tools.map(({ function: f }) => ({
        name: f.name,
        description: expect.any(String),
        input_schema: f.parameters,
      })),
    );
    const bedrock = await call("GET", "/v1/tools?format=bedrock");
    expect(
      (bedrock.body.tools as { toolSpec: { name: string; inputSchema: { json: unknown } } }[])[1],
    ).toEqual({
      toolSpec: {
        name: "lookup_order_status",
        description: "Status of an order by its number.",
        inputSchema: { json: tools[1]!.function.parameters },
      },
    });
    expectProblem(await call("GET", "/v1/tools?format=gemini"), 400, "invalid_input");
  });
});

describe("POST /v1/answers", () => {
  it("answers a verified customer from their records, in a conversation the inbox shows", async () => {
    const sent = await call("POST", "/v1/answers", {
      body: { question: "where is my order #1001?", customer: { email: "alice@example.com", name: "Alice" } },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      source: "database",
      citations: expect.arrayContaining([expect.objectContaining({ kind: "rows" })]),
    });
    expect(sent.body.reply).toMatch(/1Z999AA10123456784/);
    const conversationId = sent.body.conversationId as Id<"conversations">;
    const inbox = await owner.query(api.private.conversations.get, { organizationId, conversationId });
    expect(inbox.conversation.contact).toEqual({ name: "Alice", email: "alice@example.com", verified: true });
    expect(inbox.answers).toHaveLength(1);
    // Recorded as the API's: the inbox labels the conversation, the overview counts the answer as such.
    expect(inbox.conversation.channel).toBe("api");
    expect(inbox.answers[0]!.channel).toBe("api");
    const overview = await owner.query(api.private.overview.stats, { organizationId, days: 7 });
    expect(overview.answers.api).toBeGreaterThanOrEqual(1);

    // A follow-up in the same conversation; another customer cannot continue it.
    const follow = await call("POST", "/v1/answers", {
      body: {
        question: "what is your return policy?",
        conversationId,
        customer: { email: "alice@example.com" },
      },
    });
    expect(follow.body.conversationId).toBe(conversationId);
    expectProblem(
      await call("POST", "/v1/answers", {
        body: {
          question: "where is my order #1001?",
          conversationId,
          customer: { email: "mallory@example.com" },
        },
      }),
      404,
      "not_found",
    );
  });

  it("streams the reply as server-sent events: conversation, deltas, then the answer", async () => {
    const sent = await call("POST", "/v1/answers", {
      body: { question: "where is my order #1001?", customer: { email: "alice@example.com" }, stream: true },
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get("content-type")).toBe("text/event-stream");
    const events = sent.text
      .trim()
      .split("\n\n")
      .map((block) => {
        const [eventLine, dataLine] = block.split("\n");
        return {
          event: eventLine!.replace("event: ", ""),
          data: JSON.parse(dataLine!.replace("data: ", "")) as Record<string, unknown>,
        };
      });
    expect(events[0]?.event).toBe("conversation");
    expect(events.at(-1)?.event).toBe("answer");
    const deltas = events.filter((e) => e.event === "delta").map((e) => e.data.text as string);
    expect(deltas.length).toBeGreaterThan(0);
    const answer = events.at(-1)!.data;
    expect(deltas.join("")).toBe(answer.reply);
    expect(answer.reply).toMatch(/1Z999AA10123456784/);
  });
});

describe("conversations", () => {
  it("lists, reads, posts as the customer and as an operator, escalates and resolves", async () => {
    const conversationId = await newConversation("what is your return policy?");
    const listed = await call("GET", "/v1/conversations?limit=5");
    expect((listed.body.data as { id: string }[]).map((c) => c.id)).toContain(conversationId);
    const got = await call("GET", `/v1/conversations/${conversationId}`);
    expect(got.body).toMatchObject({
      id: conversationId,
      status: "unresolved",
      customer: { verified: false },
    });

    const asCustomer = await call("POST", `/v1/conversations/${conversationId}/messages`, {
      body: { text: "And for sale items?" },
    });
    expect(asCustomer.body).toMatchObject({ agentWillReply: true });
    await t.finishInProgressScheduledFunctions();
    await expect
      .poll(async () => {
        const messages = await call("GET", `/v1/conversations/${conversationId}/messages`);
        return (messages.body.data as { from: string }[]).map((m) => m.from);
      })
      .toEqual(["customer", "agent", "customer", "agent"]);

    const escalated = await call("POST", `/v1/conversations/${conversationId}/escalate`, {
      body: { reason: "Asked on WhatsApp for a person." },
    });
    expect(escalated.body).toMatchObject({ status: "escalated" });
    const quiet = await call("POST", `/v1/conversations/${conversationId}/messages`, {
      body: { text: "Hello?" },
    });
    expect(quiet.body).toMatchObject({ agentWillReply: false });
    const operator = await call("POST", `/v1/conversations/${conversationId}/messages`, {
      body: { text: "A person here: sale items are final.", as: "operator" },
    });
    expect(operator.status).toBe(200);
    const resolved = await call("POST", `/v1/conversations/${conversationId}/resolve`);
    expect(resolved.body).toMatchObject({ status: "resolved" });
    const onlyResolved = await call("GET", "/v1/conversations?status=resolved");
    expect(
      (onlyResolved.body.data as { id: string; status: string }[]).every((c) => c.status === "resolved"),
    ).toBe(true);
    expect((onlyResolved.body.data as { id: string }[]).map((c) => c.id)).toContain(conversationId);
    const last = await call("GET", `/v1/conversations/${conversationId}/messages`);
    expect((last.body.data as { from: string; text: string }[]).at(-1)).toMatchObject({
      from: "operator",
      text: "A person here: sale items are final.",
    });
  });

  it("a key of another organization gets 404 for this organization's conversation and never lists it", async () => {
    const conversationId = await newConversation();
    for (const [method, path, body] of [
      ["GET", `/v1/conversations/${conversationId}`, undefined],
      ["GET", `/v1/conversations/${conversationId}/messages`, undefined],
      ["POST", `/v1/conversations/${conversationId}/messages`, { text: "hi", as: "operator" }],
      ["POST", `/v1/conversations/${conversationId}/escalate`, {}],
      ["POST", `/v1/conversations/${conversationId}/resolve`, {}],
      ["POST", "/v1/answers", { question: "hi", conversationId }],
    ] as const) {
      expectProblem(await call(method, path, { key: otherOrganizationKey, body }), 404, "not_found");
    }
    const listed = await call("GET", "/v1/conversations", { key: otherOrganizationKey });
    expect((listed.body.data as { id: string }[]).map((c) => c.id)).not.toContain(conversationId);
    const stillUnresolved = await call("GET", `/v1/conversations/${conversationId}`);
    expect(stillUnresolved.body).toMatchObject({ status: "unresolved" });
  });
});

describe("POST /v1/sql", () => {
  // The demo has 16 orders: their cross join is 256 rows, ordered, so page 2 is known by hand.
  const crossJoin = "SELECT o.id AS a, p.id AS b FROM orders o CROSS JOIN orders p ORDER BY 1, 2";

  it("pages a read-only SELECT with parameters, audited as the key with its row count and no values", async () => {
    const sqlKey = await newKey(["sql"]);
    const first = await call("POST", "/v1/sql", {
      key: sqlKey.secret,
      body: { sql: crossJoin, pageSize: 50 },
    });
    expect(first.status).toBe(200);
    expect((first.body.columns as { name: string }[]).map((c) => c.name)).toEqual(["a", "b"]);
    expect(first.body.rows).toHaveLength(50);
    expect(first.body.hasMore).toBe(true);
    expect(first.body.durationMs).toEqual(expect.any(Number));
    const second = await call("POST", "/v1/sql", {
      key: sqlKey.secret,
      body: { sql: crossJoin, pageSize: 50, page: 1 },
    });
    expect((second.body.rows as unknown[][])[0]?.map(String)).toEqual(["4", "3"]); // row 51
    const bound = await call("POST", "/v1/sql", {
      key: sqlKey.secret,
      body: { sql: "SELECT status FROM orders WHERE order_number = $1", params: ["1001"] },
    });
    expect(bound.body).toMatchObject({
      columns: [{ name: "status" }],
      rows: [[expect.any(String)]],
      hasMore: false,
    });

    const audit = await owner.query(api.private.auditLog.list, {
      organizationId,
      operation: "sql_console",
      paginationOpts: { numItems: 3, cursor: null },
    });
    expect(audit.page.map((e) => [e.actor, e.rowCount])).toEqual([
      [{ kind: "api_key", apiKeyId: sqlKey.apiKeyId, prefix: sqlKey.prefix }, 1],
      [{ kind: "api_key", apiKeyId: sqlKey.apiKeyId, prefix: sqlKey.prefix }, 50],
      [{ kind: "api_key", apiKeyId: sqlKey.apiKeyId, prefix: sqlKey.prefix }, 50],
    ]);
    expect(JSON.stringify(audit.page)).not.toContain("1001");
    // An API key's statements are not in any admin's own history.
    const history = await owner.query(api.private.sqlConsole.history, { organizationId });
    expect(history.map((h) => h.sql)).not.toContain(crossJoin);
  });

  it("a refused statement is 422 rejected_sql with the guard's reason; a database error 422 with its position", async () => {
    const refused = await call("POST", "/v1/sql", { body: { sql: "DELETE FROM orders" } });
    expectProblem(refused, 422, "rejected_sql");
    expect(refused.body.detail).toMatch(/SELECT/);
    expectProblem(
      await call("POST", "/v1/sql", { body: { sql: "SELECT pg_sleep(5)" } }),
      422,
      "rejected_sql",
    );

    const syntax = await call("POST", "/v1/sql", { body: { sql: "SELECT id FROM orders WHERE" } });
    expectProblem(syntax, 422, "sql_error");
    expect(syntax.body).toMatchObject({ sqlState: "42601", position: 28 });
    expect(syntax.text).not.toMatch(/\bat .*\.ts:\d+/); // never a stack

    const division = await call("POST", "/v1/sql", {
      body: { sql: "SELECT 1 / (count(*) - count(*)) FROM orders" },
    });
    expectProblem(division, 422, "sql_error");
    expect(division.body).toMatchObject({
      sqlState: "22012",
      detail: expect.stringMatching(/division by zero/),
    });

    const invalid = await call("POST", "/v1/sql", { body: { sql: "", pageSize: 7, page: -1 } });
    expectProblem(invalid, 400, "invalid_input");
    expect((invalid.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "page",
      "pageSize",
      "sql",
    ]);
  });

  it("needs the sql scope, and a key whose creator is no longer an admin is refused", async () => {
    const lookupsOnly = (await newKey(["lookups"])).secret;
    expectProblem(
      await call("POST", "/v1/sql", { key: lookupsOnly, body: { sql: "SELECT 1" } }),
      403,
      "insufficient_scope",
    );
    expectProblem(
      await call("POST", "/v1/ask", { key: lookupsOnly, body: { question: "How many orders?" } }),
      403,
      "insufficient_scope",
    );
    const admin = await createUser(t, "analyst-admin@brightside.test");
    const membershipId = await t.run((ctx) =>
      ctx.db.insert("memberships", { organizationId, userId: admin.userId, role: "admin" }),
    );
    const theirs = (await newKey(["sql"], admin.as)).secret;
    expect((await call("POST", "/v1/sql", { key: theirs, body: { sql: "SELECT 1 AS one" } })).status).toBe(
      200,
    );
    await t.run((ctx) => ctx.db.patch(membershipId, { role: "member" }));
    const demoted = await call("POST", "/v1/sql", { key: theirs, body: { sql: "SELECT 1 AS one" } });
    expectProblem(demoted, 403, "forbidden");
    expect(demoted.body.detail).toMatch(/no longer an owner or admin/);
  });

  it("POST /v1/ask with the offline model is 409 provider_model_required, saying why", async () => {
    const sent = await call("POST", "/v1/ask", { body: { question: "How many orders are there?" } });
    expectProblem(sent, 409, "provider_model_required");
    expect(sent.body.detail).toMatch(/offline model.*LANGUAGE_MODEL/s);
  });
});

describe("audit", () => {
  it("records every call: key prefix, route, status and duration, never the body", async () => {
    const created = await newKey(["lookups"]);
    await call("POST", "/v1/lookups", {
      key: created.secret,
      body: { question: "secret-word-zebra stock?" },
    });
    await call("GET", "/v1/conversations", { key: created.secret });
    const calls = await owner.query(api.private.apiKeys.recentCalls, { organizationId });
    const mine = calls.filter((c) => c.prefix === created.prefix);
    expect(mine.map(({ endpoint, httpStatus, code }) => ({ endpoint, httpStatus, code }))).toEqual([
      { endpoint: "GET /v1/conversations", httpStatus: 403, code: "insufficient_scope" },
      { endpoint: "POST /v1/lookups", httpStatus: 200, code: null },
    ]);
    expect(mine[1]?.durationMs).toEqual(expect.any(Number));
    const stored = await t.run((ctx) => ctx.db.query("auditEvents").collect());
    expect(JSON.stringify(stored)).not.toContain("secret-word-zebra");
    const audited = await t.action(internal.system.answers.lookup, {
      organizationId,
      question: "is SKU-789 in stock?",
      viewer: { kind: "contact", verifiedOwnerKey: null },
    });
    expect(audited.result.source).toBe("database");
  });
});
