// "Ask in English" with a provider model (an OpenAI-compatible stand-in speaking the real wire format):
// the question becomes SQL from the catalog (hidden columns left out), nothing runs until the admin
// runs it, the statement goes through the console's guard (a generated write is refused), and the
// rows are answered in one sentence. The same over `POST /v1/ask`; with the offline model, 409.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { deploymentEnv, seedDemo, startBackend, type Backend, type Caller } from "./support/backend.ts";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.ts";

let cloud: TestCloud;
let model: FakeOpenAI;
let t: Backend;
let owner: Caller;
let organizationId: Id<"organizations">;
let sqlKey: string;
const PROVIDER_ENV = {
  LANGUAGE_MODEL: "openai/gpt-fake",
  OPENAI_API_KEY: "local-stand-in",
};

beforeAll(async () => {
  cloud = await startTestCloud();
  model = await startFakeOpenAI();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), {
    EMBEDDING_MODEL: "test",
    ...PROVIDER_ENV,
    OPENAI_BASE_URL: model.baseURL,
  });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  await owner.mutation(api.private.dataSources.setPolicy, {
    organizationId,
    schema: "public",
    table: "orders",
    policy: {
      kind: "customer",
      ownerPath: [
        { column: "customer_id", references: { schema: "public", table: "customers", column: "id" } },
      ],
      ownerColumn: "email",
      hiddenColumns: ["shipping_address"],
    },
  });
  sqlKey = (
    await owner.mutation(api.private.apiKeys.create, { organizationId, name: "analyst", scopes: ["sql"] })
  ).secret;
});
afterAll(async () => {
  for (const name of ["LANGUAGE_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete process.env[name];
  await model?.close();
  await cloud?.stop();
});

const textOf = (request: FakeOpenAI["requests"][number] | undefined) =>
  (request?.messages ?? [])
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n");

const consoleAudit = async () =>
  (
    await owner.query(api.private.auditLog.list, {
      organizationId,
      operation: "sql_console",
      paginationOpts: { numItems: 100, cursor: null },
    })
  ).page;

async function ask(question: string, key = sqlKey) {
  const response = await t.fetch("/v1/ask", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("on the SQL page", () => {
  it("writes SQL from the catalog without hidden columns, and runs nothing", async () => {
    const before = (await consoleAudit()).length;
    model.replies = [
      "Here you go:\n```sql\nSELECT status, count(*) AS orders FROM public.orders GROUP BY status ORDER BY status;\n```",
    ];
    const draft = await owner.action(api.private.sqlConsoleActions.draftFromQuestion, {
      organizationId,
      question: "How many orders are there per status?",
    });
    expect(draft).toEqual({
      sql: "SELECT status, count(*) AS orders FROM public.orders GROUP BY status ORDER BY status",
      modelId: "openai/gpt-fake",
    });
    const prompt = textOf(model.requests.at(-1));
    expect(prompt).toMatch(/How many orders are there per status\?/);
    expect(prompt).toMatch(/public\.orders[^\n]*\n(\s+.*\n)*\s+order_number /);
    expect(prompt).toMatch(/customer_id \S+ references public\.customers\(id\)/);
    expect(prompt).not.toContain("shipping_address");
    expect((await consoleAudit()).length).toBe(before);
  });

  it("runs the reviewed statement through the console and answers in one sentence from its rows", async () => {
    model.replies = ["Alice Doe has 3 orders. Want me to list them?"];
    const sql =
      "SELECT c.full_name AS name, count(*) AS orders FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'alice@example.com' GROUP BY c.full_name";
    const answered = await owner.action(api.private.sqlConsoleActions.runAndAnswerQuestion, {
      organizationId,
      question: "How many orders does alice@example.com have?",
      sql,
      pageSize: 50,
      runId: "ask-1",
    });
    expect(answered.page.columns.map((c) => c.name)).toEqual(["name", "orders"]);
    const [row] = answered.page.rows.map((cells) => cells.map(String));
    expect(row).toEqual([expect.stringMatching(/^Alice/), "3"]);
    expect(answered.answer).toBe("Alice Doe has 3 orders.");
    const prompt = textOf(model.requests.at(-1));
    expect(prompt).toContain(JSON.stringify(row));
    expect(prompt).toMatch(/ONE sentence/);
    const history = await owner.query(api.private.sqlConsole.history, { organizationId });
    expect(history[0]).toMatchObject({ sql, outcome: { kind: "ok", rowCount: 1 } });
  });

  it("keeps a hidden column's values from the model, though the admin sees them", async () => {
    model.replies = ["The order ships to an address that is hidden from me."];
    const answered = await owner.action(api.private.sqlConsoleActions.runAndAnswerQuestion, {
      organizationId,
      question: "Where does order 1001 ship to?",
      sql: "SELECT order_number, shipping_address FROM orders WHERE order_number = '1001'",
      pageSize: 50,
      runId: "ask-2",
    });
    const address = String(answered.page.rows[0]?.[1]);
    expect(address.length).toBeGreaterThan(0);
    expect(answered.withheldColumns).toEqual(["shipping_address"]);
    const prompt = textOf(model.requests.at(-1));
    expect(prompt).toContain('["1001"]');
    expect(prompt).not.toContain(address);
  });

  it("a generated write is shown for review, and refused by the guard when run", async () => {
    model.replies = ["```sql\nDELETE FROM orders\n```"];
    const draft = await owner.action(api.private.sqlConsoleActions.draftFromQuestion, {
      organizationId,
      question: "Delete every order",
    });
    expect(draft.sql).toBe("DELETE FROM orders");
    const asked = model.requests.length;
    await expect(
      owner.action(api.private.sqlConsoleActions.runAndAnswerQuestion, {
        organizationId,
        question: "Delete every order",
        sql: draft.sql,
        pageSize: 50,
        runId: "ask-3",
      }),
    ).rejects.toMatchObject({ data: { code: "rejected_sql", message: expect.stringMatching(/SELECT/) } });
    expect(model.requests.length).toBe(asked); // no answer is asked for rows that never came
    const count = await owner.query(api.private.sqlConsole.history, { organizationId });
    expect(count[0]).toMatchObject({
      sql: "DELETE FROM orders",
      outcome: { kind: "error", code: "rejected_sql" },
    });
  });

  it("a provider failure is reported without the provider's message, and logged", async () => {
    model.refuseNext = 1;
    await expect(
      owner.action(api.private.sqlConsoleActions.draftFromQuestion, {
        organizationId,
        question: "How many orders?",
      }),
    ).rejects.toMatchObject({
      data: { code: "network", message: expect.not.stringMatching(/sk-|Incorrect API key/) },
    });
  });

  it("says so when the model cannot write SQL for the question", async () => {
    model.replies = ["-- cannot: there is no table about the weather"];
    await expect(
      owner.action(api.private.sqlConsoleActions.draftFromQuestion, {
        organizationId,
        question: "Will it rain?",
      }),
    ).rejects.toMatchObject({
      data: { code: "invalid_input", message: expect.stringMatching(/no table about the weather/) },
    });
  });
});

describe("POST /v1/ask", () => {
  it("answers with the SQL, the rows and one sentence", async () => {
    model.replies = [
      "```sql\nSELECT order_number, status FROM public.orders WHERE order_number IN ('1001', '1002') ORDER BY order_number\n```",
      "Order 1001 is shipped and order 1002 is processing. Anything else?",
    ];
    const sent = await ask("What is the status of orders 1001 and 1002?");
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      sql: "SELECT order_number, status FROM public.orders WHERE order_number IN ('1001', '1002') ORDER BY order_number",
      columns: [
        expect.objectContaining({ name: "order_number" }),
        expect.objectContaining({ name: "status" }),
      ],
      hasMore: false,
      answer: "Order 1001 is shipped and order 1002 is processing.",
      model: "openai/gpt-fake",
      withheldColumns: [],
    });
    const rows = sent.body.rows as unknown[][];
    expect(rows.map((row) => row[0])).toEqual(["1001", "1002"]);
    // The sentence was written from the rows the database returned, which reached the model.
    expect(textOf(model.requests.at(-1))).toContain(JSON.stringify(rows[0]!.map(String)));
    const audit = await consoleAudit();
    expect(audit[0]).toMatchObject({ actor: { kind: "api_key" }, rowCount: 2, outcome: { kind: "ok" } });
  });

  it("a generated write is 422 rejected_sql with the statement the model wrote", async () => {
    model.replies = ["```sql\nUPDATE orders SET status = 'cancelled'\n```"];
    const sent = await ask("Cancel all orders");
    expect(sent.status).toBe(422);
    expect(sent.body).toMatchObject({
      code: "rejected_sql",
      sql: "UPDATE orders SET status = 'cancelled'",
      detail: expect.stringMatching(/SELECT/),
    });
  });

  it("with the offline model: 409 provider_model_required, and the page is told why", async () => {
    delete process.env.LANGUAGE_MODEL;
    try {
      const sent = await ask("How many orders?");
      expect(sent.status).toBe(409);
      expect(sent.body).toMatchObject({
        code: "provider_model_required",
        detail: expect.stringMatching(/offline model.*cannot write SQL.*LANGUAGE_MODEL/s),
      });
      expect(await owner.query(api.private.sqlConsole.askModel, { organizationId })).toMatchObject({
        kind: "offline",
        reason: expect.stringMatching(/provider language model/),
      });
      await expect(
        owner.action(api.private.sqlConsoleActions.draftFromQuestion, {
          organizationId,
          question: "How many orders?",
        }),
      ).rejects.toMatchObject({ data: { code: "provider_model_required" } });
    } finally {
      Object.assign(process.env, PROVIDER_ENV);
    }
    expect(await owner.query(api.private.sqlConsole.askModel, { organizationId })).toEqual({
      kind: "provider",
      modelId: "openai/gpt-fake",
    });
  });
});
