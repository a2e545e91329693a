// SQL a language model writes, wrapped so customer tables hold only the contact's rows, then run through
// the connector's guard against the demo database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../convex/access/viewer.ts";
import { wrapModelSql } from "../../convex/lookup/modelSql.ts";
import { tokenize } from "../../convex/lookup/sqlTokens.ts";
import { DEMO_POLICIES, startDemoDatabase, type DemoDatabase } from "./support/demo-database.ts";

const alice: Viewer = { kind: "contact", verifiedOwnerKey: "alice@example.com" };
const anonymous: Viewer = { kind: "contact", verifiedOwnerKey: null };
const admin: Viewer = { kind: "admin" };

let demo: DemoDatabase;
beforeAll(async () => {
  demo = await startDemoDatabase();
});
afterAll(async () => {
  await demo?.stop();
});

const wrap = (sql: string, viewer: Viewer, params: (string | number)[] = []) =>
  wrapModelSql({ sql, params, catalog: demo.catalog, policies: DEMO_POLICIES, viewer });

async function run(sql: string, viewer: Viewer = alice, params: (string | number)[] = []) {
  const wrapped = wrap(sql, viewer, params);
  const result = await demo.connector.query(wrapped.sql, wrapped.params, {
    allowedTables: wrapped.allowedTables,
  });
  return result.rows;
}

const code = (data: string): unknown =>
  expect.objectContaining({ data: expect.objectContaining({ code: data }) });

describe("wrapModelSql for a verified contact", () => {
  it("unqualified customer tables read only alice's rows, in every position", async () => {
    expect(await run("SELECT order_number FROM orders ORDER BY 1;")).toEqual([
      { order_number: "1001" },
      { order_number: "1007" },
      { order_number: "1012" },
    ]);
    expect(await run("SELECT count(*) AS n FROM ONLY orders")).toEqual([{ n: "3" }]);
    expect(await run("SELECT count(*) AS n FROM orders*")).toEqual([{ n: "3" }]);
    expect(await run("TABLE customers")).toEqual([expect.objectContaining({ email: "alice@example.com" })]);
    // Alice bought products 13 and 1 (order 1001), 1 (1007), 10, 9 and 1 (1012): four distinct.
    const bought =
      "SELECT count(*) AS n FROM products p WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.product_id = p.id)";
    expect(await run(bought)).toEqual([{ n: "4" }]);
  });

  it("qualified names, in any spelling, are rewritten to the scoped rows", async () => {
    const spellings = [
      "SELECT count(*) AS n FROM public.orders",
      'SELECT count(*) AS n FROM "public"."orders"',
      "select count(*) as n from PUBLIC . ORDERS",
      "SELECT count(*) AS n FROM public/* comment */.orders",
      "SELECT count(public.orders.id) AS n FROM public.orders",
    ];
    for (const sql of spellings) expect(await run(sql), sql).toEqual([{ n: "3" }]);
    const bobs =
      "SELECT o.order_number FROM public.orders o JOIN public.customers c ON c.id = o.customer_id WHERE c.email = 'bob@example.com'";
    expect(await run(bobs)).toEqual([]);
  });

  it("keeps the model's own WITH (also RECURSIVE), parenthesized statements and parameters", async () => {
    expect(await run("WITH mine AS (SELECT * FROM orders) SELECT count(*) AS n FROM mine")).toEqual([
      { n: "3" },
    ]);
    expect(
      await run(
        "WITH RECURSIVE x AS (SELECT 1 AS k UNION ALL SELECT k + 1 FROM x WHERE k < 2) SELECT count(*) AS n FROM x, order_items",
      ),
    ).toEqual([{ n: "12" }]);
    expect(await run("(SELECT order_number FROM orders ORDER BY 1 DESC LIMIT 1)")).toEqual([
      { order_number: "1012" },
    ]);
    expect(await run("SELECT order_number FROM orders WHERE order_number = $1", alice, [1002])).toEqual([]);
    expect(await run("SELECT sku, stock FROM products WHERE sku = $1", alice, ["SKU-789"])).toEqual([
      { sku: "SKU-789", stock: 14 },
    ]);
  });

  it("names in strings and comments are left alone", () => {
    const { sql } = wrap("SELECT 'public.orders' AS a -- public.orders\nFROM products", alice);
    expect(sql).toContain("SELECT 'public.orders' AS a -- public.orders\nFROM products");
  });

  it("the guard still runs: private tables, side effects and several statements are refused", async () => {
    await expect(run("SELECT * FROM support.ticket_messages")).rejects.toMatchObject({
      code: "rejected_sql",
    });
    await expect(run("SELECT * FROM order_summaries")).rejects.toMatchObject({ code: "rejected_sql" });
    await expect(run("SELECT pg_sleep(1) FROM orders")).rejects.toMatchObject({ code: "rejected_sql" });
    expect(() => wrap("SELECT 1; DELETE FROM orders", alice)).toThrow(code("invalid_input"));
  });

  it("refuses what it cannot scope: three-part names, dollar quotes, Unicode escapes, missing parameters", () => {
    expect(() => wrap("SELECT * FROM demo.public.orders", alice)).toThrow(code("invalid_input"));
    expect(() => wrap("SELECT $$x$$ FROM orders", alice)).toThrow(code("invalid_input"));
    expect(() => wrap('SELECT * FROM U&"\\006frders"', alice)).toThrow(code("invalid_input"));
    expect(() => wrap("SELECT * FROM orders WHERE id = $2", alice, [1])).toThrow(code("invalid_input"));
  });
});

describe("wrapModelSql for other viewers", () => {
  it("an unverified contact reads public tables; customer tables are refused by the guard", async () => {
    expect(await run("SELECT stock FROM products WHERE sku = 'SKU-789'", anonymous)).toEqual([{ stock: 14 }]);
    await expect(run("SELECT * FROM orders", anonymous)).rejects.toMatchObject({ code: "rejected_sql" });
    await expect(run("SELECT * FROM public.customers", anonymous)).rejects.toMatchObject({
      code: "rejected_sql",
    });
  });

  it("an admin's SQL runs unchanged over every table", async () => {
    expect(wrap("SELECT count(*) FROM public.orders", admin).sql).toBe("SELECT count(*) FROM public.orders");
    expect(await run("SELECT count(*) AS n FROM public.orders", admin)).toEqual([{ n: "16" }]);
  });
});

describe("tokenize reads SQL like the server", () => {
  const names = (sql: string) => tokenize(sql).flatMap((t) => (t.kind === "identifier" ? [t.name] : []));

  it("folds unquoted names, keeps quoted ones, skips strings and nested comments", () => {
    expect(names(`SELECT "Mixed""Case", Plain FROM /* a /* nested */ public.x */ t -- orders`)).toEqual([
      "select",
      'Mixed"Case',
      "plain",
      "from",
      "t",
    ]);
    expect(names("SELECT E'it\\'s public.orders', 'it''s' FROM t")).toEqual(["select", "from", "t"]);
    expect(names("SELECT a--b\nFROM t")).toEqual(["select", "a", "from", "t"]);
  });

  it("truncates names to 63 bytes as the server does", () => {
    const long = `${"a".repeat(70)}`;
    expect(names(`SELECT ${long}`)[1]).toBe("a".repeat(63));
  });
});
