// The agent with a provider model (an OpenAI-compatible endpoint, stood in for locally with the real
// streaming wire format): it is offered the database tools the offline model never gets, and whatever
// SQL it writes is scoped to the verified contact, with the statement kept in the answer's sources.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { deploymentEnv, startBackend, seedDemo, type Backend } from "./support/backend.ts";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.ts";

let cloud: TestCloud;
let model: FakeOpenAI;
let t: Backend;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  model = await startFakeOpenAI();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), {
    EMBEDDING_MODEL: "test",
    LANGUAGE_MODEL: "openai/gpt-fake",
    OPENAI_API_KEY: "local-stand-in",
    OPENAI_BASE_URL: model.baseURL,
  });
  t = await startBackend();
  const demo = await seedDemo(t, cloud);
  organizationId = demo.organizationId;
  const owner = demo.owner;
  await owner.action(api.private.namedLookupActions.save, {
    organizationId,
    definition: {
      name: "order_status",
      description: "Status and tracking number of an order, by its order number.",
      sql: "SELECT order_number, status, tracking_number FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "text", description: "The order number, e.g. 1001" }],
    },
  });
});
afterAll(async () => {
  for (const name of ["LANGUAGE_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete process.env[name];
  await model?.close();
  await cloud?.stop();
});

const askAs = (question: string, verifiedOwnerKey: string | null) =>
  t.action(internal.system.playground.ask, {
    organizationId,
    question,
    viewer: { kind: "contact", verifiedOwnerKey },
  });

describe("a provider model", () => {
  it("gets the support prompt, lookup, escalate, resolve, query_database and the named lookups as tools", async () => {
    model.plan = [{ tool: "lookup_order_status", input: { order_number: "1001" } }];
    const answer = await askAs("status of 1001?", "alice@example.com");
    const first = model.requests.at(-2);
    expect(first?.tools.sort()).toEqual(
      ["escalate", "lookup", "lookup_order_status", "query_database", "resolve"].sort(),
    );
    expect(JSON.stringify(first?.messages[0])).toMatch(/Brightside Goods \(demo\)/);
    expect(answer.text).toMatch(/1Z999AA10123456784/);
    expect(answer.sources).toEqual([
      expect.objectContaining({ kind: "sql", table: "order_status (named lookup)", rowCount: 1 }),
    ]);
    expect(answer.modelId).toBe("openai/gpt-fake");
  });

  it("model-written SQL over orders sees only the verified contact's rows, and the statement is kept", async () => {
    model.plan = [
      { tool: "query_database", input: { sql: "SELECT order_number, status FROM orders ORDER BY 1" } },
    ];
    const answer = await askAs("list all orders of every customer", "alice@example.com");
    expect(answer.text).toMatch(/1001/);
    expect(answer.text).toMatch(/1007/);
    expect(answer.text).not.toMatch(/1002|1009/); // bob's
    const [sql] = answer.sources;
    expect(sql).toMatchObject({ kind: "sql", table: "model SQL", rowCount: 3 });
    expect(sql?.kind === "sql" && sql.statement).toMatch(/orders/);
    expect(JSON.stringify(answer)).not.toContain("alice@example.com"); // the owner key is a parameter
  });

  it("a refused statement goes back to the model as an error it can read; the customer still gets a reply", async () => {
    model.plan = [{ tool: "query_database", input: { sql: "DELETE FROM orders" } }];
    const answer = await askAs("delete my orders", "alice@example.com");
    expect(answer.failed).toBe(false);
    expect(answer.text).toMatch(/refused/i);

    model.plan = [{ tool: "query_database", input: { sql: "SELECT * FROM orders" } }];
    const visitor = await askAs("show orders", null);
    expect(visitor.text).not.toMatch(/1Z999AA10123456784/);
    expect(visitor.text).toMatch(/not verified|may not read/i);
  });
});
