// End to end: plan a question, build the scoped SELECT, run it through the connector (and its SQL
// guard) against the demo database, as different viewers.
import type { Connector, QueryParam, QueryOptions } from "@answerbase/connectors";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessPolicy } from "../../convex/access/policies.ts";
import type { Viewer } from "../../convex/access/viewer.ts";
import { policyOf } from "../../convex/access/viewer.ts";
import { planLookup } from "../../convex/lookup/plan.ts";
import { runLookup, type TableRows } from "../../convex/lookup/runLookup.ts";
import { buildScopedSelect, readPage, type ScopedSelectInput } from "../../convex/lookup/scopedSql.ts";
import { DEMO_POLICIES, startDemoDatabase, type DemoDatabase } from "./support/demo-database.ts";

const alice: Viewer = { kind: "contact", verifiedOwnerKey: "alice@example.com" };
const anonymous: Viewer = { kind: "contact", verifiedOwnerKey: null };
const admin: Viewer = { kind: "admin" };
const ORDERS = { schema: "public", name: "orders" };

let demo: DemoDatabase;
beforeAll(async () => {
  demo = await startDemoDatabase();
});
afterAll(async () => {
  await demo?.stop();
});

const lookup = (question: string, viewer: Viewer, connector: Connector = demo.connector) =>
  runLookup(connector, { question, catalog: demo.catalog, policies: DEMO_POLICIES, viewer });

const rowsOf = (results: TableRows[]) =>
  results.flatMap((r) =>
    r.outcome.kind === "rows" ? r.outcome.rows.map((row) => ({ table: r.table.name, row })) : [],
  );

async function select(input: Partial<ScopedSelectInput> & { viewer: Viewer }) {
  const table = input.table ?? ORDERS;
  const built = buildScopedSelect({
    table,
    catalog: demo.catalog,
    policy: input.policy ?? policyOf(DEMO_POLICIES, table),
    ...input,
  });
  const result = await demo.connector.query(built.sql, built.params, {
    allowedTables: built.allowedTables,
    maxRows: built.maxRows,
  });
  return readPage(built, result.rows);
}

/** The connector, recording every statement it is asked to run. */
function recording(connector: Connector): { connector: Connector; statements: string[] } {
  const statements: string[] = [];
  const spy = Object.create(connector) as Connector & { query: Connector["query"] };
  spy.query = (sql: string, params?: QueryParam[], options?: QueryOptions) => {
    statements.push(sql);
    return connector.query(sql, params, options);
  };
  return { connector: spy, statements };
}

describe("a verified contact sees their own rows only", () => {
  it('alice: "where is my order #1001" → order 1001, shipped with UPS, tracking 1Z999AA10123456784', async () => {
    const [first] = await lookup("where is my order #1001", alice);
    expect(first!.table).toEqual(ORDERS);
    expect(first!.outcome.kind).toBe("rows");
    const rows = first!.outcome.kind === "rows" ? first!.outcome.rows : [];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      order_number: "1001",
      status: "shipped",
      carrier: "UPS",
      tracking_number: "1Z999AA10123456784",
    });
  });

  it("alice asking for order 1002 (Bob's) gets nothing, although the row exists", async () => {
    expect(rowsOf(await lookup("where is my order #1002?", alice))).toEqual([]);
    const asAdmin = await select({
      viewer: admin,
      conditions: [{ column: "order_number", operator: "=", value: "1002" }],
    });
    expect(asAdmin.rows).toEqual([expect.objectContaining({ order_number: "1002", carrier: "FedEx" })]);
  });

  it("the owner filter holds whatever the conditions say", async () => {
    const bobs = await select({
      viewer: alice,
      conditions: [{ column: "customer_id", operator: "=", value: "2" }],
    });
    expect(bobs.rows).toEqual([]);
    const either = await select({
      viewer: alice,
      conditions: [
        {
          anyOf: [
            { column: "order_number", operator: "=", value: "1002" },
            { column: "order_number", operator: "=", value: "1001" },
          ],
        },
      ],
    });
    expect(either.rows.map((r) => r.order_number)).toEqual(["1001"]);
  });

  it("follows two-step owner paths (order_items → orders → customers) and one-row customer tables", async () => {
    const lines = await select({ viewer: alice, table: { schema: "public", name: "order_items" } });
    expect(lines.rows.map((r) => [r.order_id, r.line_no])).toEqual([
      ["1", 1],
      ["1", 2],
      ["7", 1],
      ["12", 1],
      ["12", 2],
      ["12", 3],
    ]);
    const me = await select({ viewer: alice, table: { schema: "public", name: "customers" } });
    expect(me.rows.map((r) => r.email)).toEqual(["alice@example.com"]);
  });

  it("normalizes the verified key (case, spaces); an unknown key owns nothing", async () => {
    const shouty: Viewer = { kind: "contact", verifiedOwnerKey: "  ALICE@Example.COM " };
    expect(rowsOf(await lookup("where is my order #1001", shouty)).map((r) => r.row.order_number)).toEqual([
      "1001",
    ]);
    const stranger: Viewer = { kind: "contact", verifiedOwnerKey: "mallory@example.com" };
    expect((await select({ viewer: stranger })).rows).toEqual([]);
  });
});

describe("injection attempts are values, never SQL", () => {
  const attempts = [
    "where is my order #1001'; DROP TABLE orders; --",
    "where is my order #1001 OR 1=1",
    `where is my order "1001' OR '1'='1"`,
    'where is my order #1002"; SELECT * FROM orders; --',
    "orders for bob@example.com' OR 'a'='a",
  ];

  it("every row returned for alice is hers, and the orders table is intact", async () => {
    expect(rowsOf(await lookup(attempts[0]!, alice)).map((r) => r.row.order_number)).toEqual(["1001"]);
    for (const question of attempts) {
      for (const { table, row } of rowsOf(await lookup(question, alice))) {
        if (table === "orders") expect(row.customer_id, question).toBe("1");
        if (table === "customers") expect(row.email, question).toBe("alice@example.com");
      }
    }
    expect((await select({ viewer: admin, limit: 100 })).rows).toHaveLength(16);
  });

  it("a quoted phrase travels as a bound ILIKE value", () => {
    const [candidate] = planLookup(`do you have "x' OR '1'='1"?`, demo.catalog, DEMO_POLICIES, anonymous);
    const built = buildScopedSelect({ ...candidate!, viewer: anonymous, catalog: demo.catalog });
    expect(built.params).toContain("%x' OR '1'='1%");
    expect(built.sql).not.toContain("'1'");
  });

  it("> compares a numeric column with a bound number, inside the owner filter, and refuses anything else", async () => {
    const page = await select({
      viewer: alice,
      conditions: [{ column: "total", operator: ">", value: "0" }],
    });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((row) => Number(row.total) > 0)).toBe(true);
    const everyone = await demo.connector.query(
      "SELECT count(*) AS n FROM public.orders WHERE total > 0",
      [],
    );
    expect(page.rows.length).toBeLessThan(Number(everyone.rows[0]!.n));
    const build = (column: string, value: string) => () =>
      buildScopedSelect({
        table: ORDERS,
        catalog: demo.catalog,
        policy: policyOf(DEMO_POLICIES, ORDERS),
        viewer: alice,
        conditions: [{ column, operator: ">", value }],
      });
    const refused = expect.objectContaining({ data: expect.objectContaining({ code: "invalid_input" }) });
    expect(build("carrier", "0")).toThrow(refused);
    expect(build("total", "0 OR 1=1")).toThrow(refused);
  });

  it("refuses values that do not fit the column and names that are not columns", () => {
    const build = (conditions: ScopedSelectInput["conditions"]) => () =>
      buildScopedSelect({
        table: ORDERS,
        catalog: demo.catalog,
        policy: policyOf(DEMO_POLICIES, ORDERS),
        viewer: alice,
        conditions,
      });
    expect(build([{ column: "order_number", operator: "=", value: "1001 OR 1=1" }])).toThrow(
      expect.objectContaining({ data: expect.objectContaining({ code: "invalid_input" }) }),
    );
    expect(build([{ column: 'order_number" OR 1=1 --', operator: "=", value: "1" }])).toThrow(
      expect.objectContaining({ data: expect.objectContaining({ code: "invalid_input" }) }),
    );
  });
});

describe("unverified contacts and private tables", () => {
  it("an unverified contact gets nothing from customer tables but public products", async () => {
    expect(rowsOf(await lookup("where is my order #1001?", anonymous))).toEqual([]);
    expect(() =>
      buildScopedSelect({
        table: ORDERS,
        catalog: demo.catalog,
        policy: policyOf(DEMO_POLICIES, ORDERS),
        viewer: anonymous,
      }),
    ).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: "forbidden" }) }));
    const [stock] = await lookup("is SKU-789 in stock?", anonymous);
    expect(stock!.table).toEqual({ schema: "public", name: "products" });
    expect(stock!.outcome).toMatchObject({ kind: "rows", rows: [{ sku: "SKU-789", stock: 14 }] });
  });

  it("private tables are refused for a contact and never queried on their behalf", async () => {
    const messages = { schema: "support", name: "ticket_messages" };
    expect(() =>
      buildScopedSelect({
        table: messages,
        catalog: demo.catalog,
        policy: policyOf(DEMO_POLICIES, messages),
        viewer: alice,
      }),
    ).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: "forbidden" }) }));
    const { connector, statements } = recording(demo.connector);
    for (const viewer of [alice, anonymous]) {
      for (const question of [
        "show me the messages on ticket #1",
        "my support tickets",
        "inventory events for SKU-789",
      ]) {
        await lookup(question, viewer, connector);
      }
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.join("\n")).not.toMatch(/ticket_messages|"tickets"|inventory_events|order_summaries/);
    const asAdmin = await select({
      viewer: admin,
      table: messages,
      conditions: [{ column: "ticket_id", operator: "=", value: "1" }],
    });
    expect(asAdmin.rows).toHaveLength(3);
  });

  it("a policy whose owner path no longer matches the catalog is refused", () => {
    const stale: AccessPolicy = {
      kind: "customer",
      ownerPath: [{ column: "buyer_id", references: { schema: "public", table: "customers", column: "id" } }],
      ownerColumn: "email",
    };
    expect(() =>
      buildScopedSelect({ table: ORDERS, catalog: demo.catalog, policy: stale, viewer: alice }),
    ).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: "forbidden" }) }));
  });
});

describe("pagination", () => {
  beforeAll(async () => {
    // 150 more orders for alice (customer 1), numbered 5000..5149.
    const client = new pg.Client({ connectionString: demo.cloud.postgres.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO public.orders (id, order_number, customer_id, status, placed_at)
         SELECT 100 + n, 5000 + n, 1, 'pending', TIMESTAMPTZ '2026-11-25 10:00:00+00' FROM generate_series(0, 149) AS n`,
      );
    } finally {
      await client.end();
    }
  });

  it("defaults to 20 rows, caps at 100, and walks every row once by keyset", async () => {
    expect((await select({ viewer: alice })).rows).toHaveLength(20);
    const first = await select({ viewer: alice, limit: 500 });
    expect(first.rows).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const second = await select({ viewer: alice, limit: 500, cursor: first.nextCursor });
    expect(second.rows).toHaveLength(53);
    expect(second.nextCursor).toBeNull();
    const numbers = [...first.rows, ...second.rows].map((r) => r.order_number);
    expect(new Set(numbers).size).toBe(153);
    expect([...first.rows, ...second.rows].every((r) => r.customer_id === "1")).toBe(true);
    expect(
      (await select({ viewer: { kind: "contact", verifiedOwnerKey: "bob@example.com" }, limit: 100 })).rows,
    ).toHaveLength(3);
  });

  it("pages a table without a primary key by offset, and refuses another table's cursor", async () => {
    const events = { schema: "public", name: "inventory_events" };
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await select({ viewer: admin, table: events, limit: 5, cursor });
      seen.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(17);
    const ordersPage = await select({ viewer: alice, limit: 1 });
    await expect(
      select({ viewer: admin, table: events, cursor: ordersPage.nextCursor }),
    ).rejects.toMatchObject({
      data: { code: "invalid_input" },
    });
  });
});
