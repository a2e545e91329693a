// Named lookups: an admin's parameterized SELECTs, checked on save against the live catalog, run as the
// agent would (scoped to the viewer), matched by the offline planner, removed with their data source.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Infer } from "convex/values";
import type { Id } from "../convex/_generated/dataModel";
import type { vNamedLookupDefinition } from "../convex/dataSources/tables.ts";
import { matchNamedLookups } from "../convex/lookup/named/run.ts";
import { createUser, deploymentEnv, startBackend, seedDemo, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: ReturnType<Backend["withIdentity"]>;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
});
afterAll(() => cloud?.stop());

type Definition = Infer<typeof vNamedLookupDefinition>;

const orderStatus: Definition = {
  name: "order_status",
  description: "The status of one order, by the order number printed on the receipt.",
  sql: "SELECT order_number, status FROM orders WHERE order_number = $1",
  parameters: [{ name: "order_number", type: "integer", description: "The order number, e.g. 1001" }],
};

const save = (definition: Definition, as = owner) =>
  as.action(api.private.namedLookupActions.save, { organizationId, definition });
const tryIt = (
  args: Record<string, string | number>,
  asContact?: { email: string } | null,
  name = "order_status",
) =>
  owner.action(api.private.namedLookupActions.tryIt, {
    organizationId,
    name,
    args,
    ...(asContact === undefined ? {} : { asContact }),
  });
const refusedOn = (field: string): unknown =>
  expect.objectContaining({
    data: expect.objectContaining({
      code: "invalid_input",
      fields: expect.arrayContaining([expect.objectContaining({ field })]),
    }),
  });

describe("save", () => {
  it("refuses each invalid field with a message naming it, and keeps nothing", async () => {
    const param = orderStatus.parameters[0]!;
    const cases: [string, Definition][] = [
      ["name", { ...orderStatus, name: "Order Status" }],
      ["name", { ...orderStatus, name: `o${"_x".repeat(24)}` }], // 49 characters
      ["description", { ...orderStatus, description: "status" }],
      ["parameters.0.name", { ...orderStatus, parameters: [{ ...param, name: "orderNumber" }] }],
      ["sql", { ...orderStatus, parameters: [] }], // $1 without a parameter
      ["sql", { ...orderStatus, parameters: [param, { ...param, name: "extra" }] }],
      [
        "sql",
        {
          ...orderStatus,
          sql: "SELECT order_number FROM orders WHERE order_number = $1 OR order_number = $3",
          parameters: [param, { ...param, name: "b" }, { ...param, name: "c" }],
        },
      ],
      ["sql", { ...orderStatus, sql: "DELETE FROM orders WHERE order_number = $1" }],
      ["sql", { ...orderStatus, sql: "SELECT * FROM no_such_table WHERE id = $1" }],
      ["sql", { ...orderStatus, sql: "SELECT order_number FROM orders WHERE order_number = $1; SELECT 1" }],
      // inventory_events is private in the demo: no visitor could ever be shown it.
      ["sql", { ...orderStatus, sql: "SELECT delta FROM inventory_events WHERE order_id = $1" }],
      [
        "sql",
        { ...orderStatus, sql: "SELECT order_number, pg_sleep(5) FROM orders WHERE order_number = $1" },
      ],
    ];
    for (const [field, definition] of cases) {
      await expect(save(definition), `${field}: ${JSON.stringify(definition)}`).rejects.toEqual(
        refusedOn(field),
      );
    }
    const gap = await save(cases[6]![1]).catch((error: { data: { message: string } }) => error.data.message);
    expect(gap).toMatch(/\$2/);
    expect(await owner.query(api.private.namedLookups.list, { organizationId })).toEqual([]);
  });

  it("saves a valid lookup once; the same name again is refused, an edit keeps its id", async () => {
    const lookupId = await save(orderStatus);
    await expect(save(orderStatus)).rejects.toEqual(refusedOn("name"));
    const edited = await owner.action(api.private.namedLookupActions.save, {
      organizationId,
      lookupId,
      definition: { ...orderStatus, sql: `${orderStatus.sql} ORDER BY order_number` },
    });
    expect(edited).toBe(lookupId);
    const [listed] = await owner.query(api.private.namedLookups.list, { organizationId });
    expect(listed).toMatchObject({ lookupId, name: "order_status", sql: expect.stringMatching(/ORDER BY/) });
  });

  it("a member without the admin role can list but not save, and another organization sees nothing", async () => {
    const member = await createUser(t, "member@brightside.test");
    await t.run((ctx) =>
      ctx.db.insert("memberships", { organizationId, userId: member.userId, role: "member" }),
    );
    await expect(save({ ...orderStatus, name: "member_lookup" }, member.as)).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
    expect(
      (await member.as.query(api.private.namedLookups.list, { organizationId })).map((l) => l.name),
    ).toEqual(["order_status"]);
    const outsider = await createUser(t, "outsider@other.test");
    await outsider.as.mutation(api.private.organizations.create, { name: "Other" });
    await expect(outsider.as.query(api.private.namedLookups.list, { organizationId })).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
  });
});

describe("tryIt runs it as the agent would", () => {
  it("as the admin: any order", async () => {
    const result = await tryIt({ order_number: 1002 });
    expect(result).toMatchObject({
      columns: ["order_number", "status"],
      rows: [["1002", "delivered"]],
      rowCount: 1,
    });
    expect(result.truncated).toBe(false);
  });

  it("as verified contacts: each sees only their own order, and the statement holds no value", async () => {
    const alice = await tryIt({ order_number: "1001" }, { email: "alice@example.com" });
    expect(alice.rows).toEqual([["1001", "shipped"]]);
    expect(alice.statement).not.toMatch(/alice|1001/);
    expect(alice.statement).toMatch(/\$2/); // the owner key is a parameter too
    expect((await tryIt({ order_number: "1001" }, { email: "bob@example.com" })).rows).toEqual([]);
    expect((await tryIt({ order_number: 1002 }, { email: "bob@example.com" })).rows).toEqual([
      ["1002", "delivered"],
    ]);
    expect((await tryIt({ order_number: 1002 }, { email: "alice@example.com" })).rows).toEqual([]);
  });

  it("as an unverified visitor: refused, with a reason", async () => {
    await expect(tryIt({ order_number: 1001 }, null)).rejects.toMatchObject({
      data: { code: "forbidden", message: expect.stringMatching(/public\.orders.*not verified/s) },
    });
  });

  it("binds typed arguments and names each bad one", async () => {
    await expect(tryIt({ order_number: "10O1" })).rejects.toEqual(refusedOn("args.order_number"));
    await expect(tryIt({})).rejects.toEqual(refusedOn("args.order_number"));
    await expect(tryIt({ order_number: 1001, status: "x" })).rejects.toEqual(refusedOn("args.status"));
    await expect(tryIt({ order_number: 1001 }, undefined, "no_such_lookup")).rejects.toMatchObject({
      data: { code: "not_found" },
    });
  });

  it("pages: 20 rows by default, at most 100, continued by the cursor", async () => {
    await save({
      name: "orders_placed_since",
      description: "Orders placed on or after a date, by order number.",
      sql: "SELECT order_number FROM orders WHERE placed_at >= $1 ORDER BY order_number",
      parameters: [{ name: "since", type: "date", description: "First day, YYYY-MM-DD" }],
    });
    const run = (extra: { limit?: number; cursor?: string | null }) =>
      owner.action(api.private.namedLookupActions.tryIt, {
        organizationId,
        name: "orders_placed_since",
        args: { since: "2026-01-01" },
        ...extra,
      });
    const all = await run({});
    expect(all.rowCount).toBe(16); // the demo's 16 orders: fewer than a default page
    expect(all.truncated).toBe(false);
    const first = await run({ limit: 5 });
    expect(first.rows.flat()).toEqual(["1001", "1002", "1003", "1004", "1005"]);
    expect(first).toMatchObject({ truncated: true, nextCursor: expect.any(String) });
    const second = await run({ limit: 5, cursor: first.nextCursor });
    expect(second.rows.flat()).toEqual(["1006", "1007", "1008", "1009", "1010"]);
    expect((await run({ limit: 1000 })).rowCount).toBe(16); // capped at 100, not refused
    await expect(
      owner.action(api.private.namedLookupActions.tryIt, {
        organizationId,
        name: "orders_placed_since",
        args: { since: "2026-02-30" },
      }),
    ).rejects.toEqual(refusedOn("args.since"));
  });

  it("every run is audited under the lookup's name", async () => {
    const audit = await owner.query(api.private.auditLog.list, {
      organizationId,
      paginationOpts: { numItems: 100, cursor: null },
    });
    const runs = audit.page.filter(
      (e) => e.operation === "lookup" && e.table === "order_status (named lookup)",
    );
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(runs.map((e) => e.outcome)).toEqual(
      expect.arrayContaining([{ kind: "error", code: "forbidden" }]),
    );
  });
});

describe("matchNamedLookups (the offline planner's choice)", () => {
  const byEmail: Definition = {
    name: "loyalty_points",
    description: "A customer's Brightside Rewards balance, by the e-mail they log in with.",
    sql: "SELECT loyalty_points FROM customers WHERE email = $1",
    parameters: [{ name: "email", type: "text", description: "The customer's e-mail" }],
  };
  const storeHours: Definition = {
    name: "store_hours",
    description: "Opening hours of every store.",
    sql: 'SELECT "storeName", "openingHours" FROM "StoreLocations"',
    parameters: [],
  };
  const lookups = [byEmail, orderStatus, storeHours];
  const names = (question: string) => matchNamedLookups(question, lookups).map((m) => m.lookup.name);

  it("fills parameters from the question's entities and needs a shared word", () => {
    expect(matchNamedLookups("what's the status of order #1001?", lookups)).toEqual([
      { lookup: orderStatus, args: { order_number: "1001" }, score: expect.any(Number) },
    ]);
    expect(names("how many loyalty points does zoe@example.com have")).toEqual(["loyalty_points"]);
    expect(names("what are your store hours")).toEqual(["store_hours"]);
    expect(names("which store is open on sunday")).toEqual(["store_hours"]); // half its name's words
  });

  it("leaves out lookups a question cannot fill or does not name", () => {
    expect(names("what is the status of my order")).toEqual([]); // no number
    expect(names("loyalty points please")).toEqual([]); // no e-mail
    expect(names("tell me about 1001 dalmatians")).toEqual([]); // a number, but no shared word
    expect(names("do you sell headphones")).toEqual([]);
  });
});

describe("the offline path", () => {
  const ask = (question: string) =>
    t.action(internal.system.answers.lookup, {
      organizationId,
      question,
      viewer: { kind: "contact", verifiedOwnerKey: "alice@example.com" },
    });

  it("answers from the named lookup first when the question fills it", async () => {
    const answer = await ask("what is the status of order 1001");
    expect(answer.result.source).toBe("database");
    expect(answer.result.rows?.[0]).toEqual({
      table: "order_status (named lookup)",
      columns: ["order_number", "status"],
      rows: [["1001", "shipped"]],
      truncated: false,
    });
    // The planner's own lookup still runs beside it.
    expect(answer.result.rows?.map((r) => r.table)).toContain("public.orders");
    // Another customer's number fills the lookup but shows nothing.
    const other = await ask("what is the status of order 1002");
    expect(other.result.rows?.map((r) => r.table) ?? []).not.toContain("order_status (named lookup)");
  });

  it("without a matching named lookup, the planner alone answers", async () => {
    const answer = await ask("is SKU-789 in stock?");
    expect(answer.result.rows?.map((r) => r.table)).toEqual(["public.products"]);
  });
});

describe("disconnect", () => {
  it("removes the data source's named lookups", async () => {
    expect((await owner.query(api.private.namedLookups.list, { organizationId })).length).toBe(2);
    await owner.action(api.private.dataSourceActions.disconnect, { organizationId });
    expect(await owner.query(api.private.namedLookups.list, { organizationId })).toEqual([]);
  });
});
