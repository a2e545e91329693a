import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, Connector, Row, TableInfo, TableRef } from "../src/core/connector.ts";
import { encodeCursor } from "../src/core/cursor.ts";
import { createPostgresConnector } from "../src/postgres/postgres-connector.ts";

/**
 * The shared SQL connector (core/sql-connector.ts + postgres-dialect/) driven through the postgres
 * connector: catalog, keyset paging, streaming, table resolution. Runs on PGlite, and on PostgreSQL
 * 15 when TEST_DATABASE_URL is set.
 */

let stack: TestCloud;
let admin: pg.Client;
let connector: Connector;

const EVENTS_LOG_ROWS = 300;

beforeAll(async () => {
  stack = await startTestCloud();
  admin = new pg.Client({ connectionString: stack.demo.connectionString });
  await admin.connect();
  // No primary key, every column nullable, NULLs at many positions: the fallback order's hard case.
  await admin.query(`
    CREATE TABLE public.events_log (category text, score integer, note text);
    INSERT INTO public.events_log
      SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'c' || (i % 5) END,
             CASE WHEN i % 11 = 0 THEN NULL ELSE i % 13 END,
             CASE WHEN i % 97 = 0 THEN NULL ELSE 'n' || i END
      FROM generate_series(1, ${EVENTS_LOG_ROWS}) AS i;
    CREATE TABLE public.empty_table (id integer PRIMARY KEY);
    ANALYZE;
  `);
  connector = createPostgresConnector(
    {
      provider: "postgres",
      connectionString: stack.demo.connectionString,
    },
    { network: "private_networks" },
  );
});

afterAll(async () => {
  await connector?.close();
  await admin?.end();
  await stack?.stop();
});

const table = (catalog: Catalog, schema: string, name: string): TableInfo => {
  const found = catalog.tables.find((t) => t.schema === schema && t.name === name);
  if (!found) throw new Error(`${schema}.${name} is not in the catalog`);
  return found;
};

async function allPages(ref: TableRef, limit: number): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await connector.preview(ref, { limit, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
    pages++;
    expect(page.rows.length).toBeLessThanOrEqual(limit);
  } while (cursor !== null && pages < 1000);
  return { rows, pages };
}

describe("listTables", () => {
  it("lists both schemas with keys, foreign keys, views, comments and native types", async () => {
    const catalog = await connector.listTables();
    const schemas = new Set(catalog.tables.map((t) => t.schema));
    expect(schemas).toEqual(new Set(["public", "support"]));

    expect(table(catalog, "public", "order_items").primaryKey).toEqual(["order_id", "line_no"]);
    expect(table(catalog, "public", "inventory_events").primaryKey).toEqual([]);
    expect(table(catalog, "support", "tickets").primaryKey).toEqual(["id"]);

    const stores = table(catalog, "public", "StoreLocations");
    expect(stores.columns.map((c) => c.name)).toContain("Region Name");
    expect(stores.columns.map((c) => c.name)).toContain("storeName");
    expect(stores.comment).toMatch(/^Physical stores\./);

    expect(table(catalog, "public", "order_items").foreignKeys).toContainEqual(
      expect.objectContaining({
        columns: ["order_id"],
        references: { schema: "public", name: "orders", columns: ["id"] },
      }),
    );
    expect(table(catalog, "support", "tickets").foreignKeys).toContainEqual(
      expect.objectContaining({
        columns: ["customer_id"],
        references: { schema: "public", name: "customers", columns: ["id"] },
      }),
    );
    expect(table(catalog, "public", "appointments").foreignKeys).toContainEqual(
      expect.objectContaining({
        columns: ["store_id"],
        references: { schema: "public", name: "StoreLocations", columns: ["id"] },
      }),
    );

    const view = table(catalog, "public", "order_summaries");
    expect(view).toMatchObject({ kind: "view", estimatedRows: null, primaryKey: [] });
    expect(view.comment).toMatch(/^One row per order/);

    const customers = table(catalog, "public", "customers");
    expect(customers.columns.find((c) => c.name === "email")).toMatchObject({
      ordinal: 3,
      nativeType: "text",
      type: "text",
      nullable: false,
    });
    expect(customers.columns.find((c) => c.name === "tags")).toMatchObject({
      nativeType: "text[]",
      type: "array",
    });
    expect(customers.columns.find((c) => c.name === "phone")).toMatchObject({ nullable: true });
    expect(customers.columns.find((c) => c.name === "loyalty_points")?.comment).toBe(
      "Brightside Rewards balance. 100 points = 1 USD off.",
    );
    const products = table(catalog, "public", "products");
    expect(products.columns.find((c) => c.name === "price")).toMatchObject({
      nativeType: "numeric(12,2)",
      type: "decimal",
    });
    expect(products.columns.find((c) => c.name === "thumbnail")).toMatchObject({ type: "bytea" });
    expect(table(catalog, "support", "tickets").columns.find((c) => c.name === "priority")).toMatchObject({
      nativeType: "support.ticket_priority",
      type: "other",
    });
  });

  it("reports estimated row counts from the statistics after ANALYZE", async () => {
    const catalog = await connector.listTables();
    expect(table(catalog, "public", "customers").estimatedRows).toBe(8);
    expect(table(catalog, "public", "orders").estimatedRows).toBe(16);
    expect(table(catalog, "public", "events_log").estimatedRows).toBe(EVENTS_LOG_ROWS);
  });

  it("lists only what the credentials can read", async () => {
    await admin.query(
      "CREATE TABLE public.hidden_from_reader (id int); CREATE ROLE catalog_reader LOGIN; GRANT USAGE ON SCHEMA public TO catalog_reader; GRANT SELECT ON public.customers TO catalog_reader",
    );
    const url = new URL(stack.demo.connectionString);
    url.username = "catalog_reader";
    const reader = createPostgresConnector(
      { provider: "postgres", connectionString: url.toString() },
      { network: "private_networks" },
    );
    try {
      const names = (await reader.listTables()).tables.map((t) => `${t.schema}.${t.name}`);
      // PGlite runs every connection as one session user, so privileges only show on a real server.
      if (stack.postgres.kind === "postgres-server") expect(names).toEqual(["public.customers"]);
      else expect(names).toContain("public.customers");
    } finally {
      await reader.close();
      await admin.query(
        "DROP TABLE public.hidden_from_reader; REVOKE ALL ON public.customers FROM catalog_reader; REVOKE USAGE ON SCHEMA public FROM catalog_reader; DROP ROLE catalog_reader",
      );
    }
  });
});

describe("preview", () => {
  it("pages through a composite-key table with no gap and no duplicate", async () => {
    const expected = await admin.query<{ order_id: string; line_no: number }>(
      "SELECT i.order_id::text AS order_id, i.line_no FROM public.order_items i ORDER BY i.order_id, i.line_no",
    );
    const { rows, pages } = await allPages({ schema: "public", name: "order_items" }, 4);
    expect(rows.map((r) => [r.order_id, r.line_no])).toEqual(
      expected.rows.map((r) => [r.order_id, r.line_no]),
    );
    expect(pages).toBe(Math.ceil(expected.rows.length / 4));
    const first = await connector.preview({ schema: "public", name: "order_items" }, { limit: 4 });
    expect(first.orderedBy).toEqual(["order_id", "line_no"]);
    expect(first.columns.map((c) => c.name)).toEqual([
      "order_id",
      "line_no",
      "product_id",
      "quantity",
      "unit_price",
    ]);
  });

  it("pages a table without a primary key, NULLs included, in a stable order of all columns", async () => {
    const expected = await admin.query(
      "SELECT category, score, note FROM public.events_log ORDER BY category, score, note",
    );
    const { rows } = await allPages({ schema: "public", name: "events_log" }, 7);
    expect(rows).toEqual(expected.rows);
    expect(rows).toHaveLength(EVENTS_LOG_ROWS);
    const page = await connector.preview({ schema: "public", name: "events_log" }, { limit: 1 });
    expect(page.orderedBy).toEqual(["category", "score", "note"]);
  });

  it("pages a view and the demo's key-less log", async () => {
    const view = await allPages({ schema: "public", name: "order_summaries" }, 5);
    expect(view.rows.map((r) => r.order_number).sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => String(1001 + i)),
    );
    const log = await allPages({ schema: "public", name: "inventory_events" }, 3);
    const count = await admin.query<{ n: string }>("SELECT count(*)::text AS n FROM public.inventory_events");
    expect(log.rows).toHaveLength(Number(count.rows[0]?.n));
  });

  it("returns one empty page for an empty table", async () => {
    const page = await connector.preview({ schema: "public", name: "empty_table" });
    expect(page).toMatchObject({ rows: [], nextCursor: null, orderedBy: ["id"] });
  });

  it("refuses a limit outside 1..200 before touching the database", async () => {
    for (const limit of [0, 201, 1.5, -1]) {
      await expect(
        connector.preview({ schema: "public", name: "customers" }, { limit }),
      ).rejects.toMatchObject({ code: "invalid_input" });
    }
    const max = await connector.preview({ schema: "public", name: "events_log" }, { limit: 200 });
    expect(max.rows).toHaveLength(200);
  });

  it("refuses a cursor from another table, an edited cursor, and garbage", async () => {
    const customersPage = await connector.preview({ schema: "public", name: "customers" }, { limit: 2 });
    expect(customersPage.nextCursor).not.toBeNull();
    await expect(
      connector.preview({ schema: "public", name: "orders" }, { cursor: customersPage.nextCursor }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      connector.preview({ schema: "public", name: "orders" }, { cursor: "not-a-cursor" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    // A hand-made cursor for the right table: its value is bound as a parameter, never run.
    const forged = encodeCursor('"public"."customers"', ["id"], ["1; DROP TABLE public.customers"]);
    await expect(
      connector.preview({ schema: "public", name: "customers" }, { cursor: forged }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect((await admin.query("SELECT count(*)::int AS n FROM public.customers")).rows[0]).toEqual({ n: 8 });
  });
});

describe("table resolution", () => {
  const hostile = [
    { schema: "public", name: "'; DROP TABLE customers; --" },
    { schema: "public", name: 'we"ird "name' },
    { schema: "public", name: "prodüct ✓ 🍣 list" },
    { schema: "odd.schema", name: "a.b" },
  ];

  beforeAll(async () => {
    await admin.query('CREATE SCHEMA "odd.schema"');
    for (const ref of hostile) {
      const name = `${admin.escapeIdentifier(ref.schema)}.${admin.escapeIdentifier(ref.name)}`;
      await admin.query(
        `CREATE TABLE ${name} (id integer PRIMARY KEY, "; DROP TABLE orders; --" text, "__proto__" text)`,
      );
      await admin.query(`INSERT INTO ${name} SELECT i, 'v' || i, 'p' || i FROM generate_series(1, 5) AS i`);
    }
  });

  it("previews tables with hostile names created after the catalog was cached", async () => {
    for (const ref of hostile) {
      const { rows } = await allPages(ref, 2);
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      const expectedFirst = Object.fromEntries<unknown>([
        ["id", 1],
        ["; DROP TABLE orders; --", "v1"],
        ["__proto__", "p1"],
      ]);
      expect(rows[0]).toEqual(expectedFirst);
      expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    }
    expect((await admin.query("SELECT count(*)::int AS n FROM public.customers")).rows[0]).toEqual({ n: 8 });
  });

  it("finds the quoted mixed-case table only by its exact name", async () => {
    const page = await connector.preview({ schema: "public", name: "StoreLocations" }, { limit: 2 });
    expect(page.rows[0]).toMatchObject({ id: 1, "Region Name": "Pacific Northwest", isFlagship: true });
    await expect(connector.preview({ schema: "public", name: "storelocations" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("fails unknown and injected names with not_found naming the table, and runs nothing", async () => {
    const injected = { schema: "public", name: 'customers"; DROP TABLE public.customers; --' };
    const error = await connector.preview(injected).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found", retryable: false });
    expect((error as Error).message).toContain('customers""; DROP TABLE public.customers; --');
    await expect(connector.preview({ schema: "nope", name: "customers" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(connector.preview({ schema: "pg_catalog", name: "pg_authid" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await admin.query("SELECT count(*)::int AS n FROM public.customers")).rows[0]).toEqual({ n: 8 });
  });

  it("follows a table recreated with another key after the catalog was cached", async () => {
    await admin.query(
      "CREATE TABLE public.reshaped (id integer PRIMARY KEY); INSERT INTO public.reshaped VALUES (1), (2)",
    );
    expect((await connector.preview({ schema: "public", name: "reshaped" })).orderedBy).toEqual(["id"]);
    await admin.query(
      "DROP TABLE public.reshaped; CREATE TABLE public.reshaped (code text PRIMARY KEY); INSERT INTO public.reshaped VALUES ('b'), ('a')",
    );
    const page = await connector.preview({ schema: "public", name: "reshaped" });
    expect(page).toMatchObject({ orderedBy: ["code"], rows: [{ code: "a" }, { code: "b" }] });
    await admin.query("DROP TABLE public.reshaped");
    await expect(connector.preview({ schema: "public", name: "reshaped" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("one catalog cache: listTables reuses it while younger than maxAgeMs, and a miss reloads it", async () => {
    const fresh = await connector.listTables();
    await admin.query("CREATE TABLE public.arrived_later (id integer PRIMARY KEY)");
    const names = (catalog: Catalog) => catalog.tables.map((t) => t.name);
    // The copy read a moment ago, without a round trip: the new table is not in it yet.
    const reused = await connector.listTables({ maxAgeMs: 60_000 });
    expect(reused).toBe(fresh);
    expect(names(reused)).not.toContain("arrived_later");
    // A read of the new table misses the cached copy and reloads it, for listTables too.
    await connector.preview({ schema: "public", name: "arrived_later" });
    expect(names(await connector.listTables({ maxAgeMs: 60_000 }))).toContain("arrived_later");
    // Without maxAgeMs (or once it has passed) the database is read again.
    await admin.query("DROP TABLE public.arrived_later");
    expect(names(await connector.listTables({ maxAgeMs: 0 }))).not.toContain("arrived_later");
  });

  it("refuses malformed table references", async () => {
    for (const ref of [{ schema: 1, name: "x" }, { schema: "public", name: "" }, null, "public.customers"]) {
      await expect(connector.preview(ref as unknown as TableRef)).rejects.toMatchObject({
        code: "invalid_input",
      });
    }
  });
});

describe("streamRows", () => {
  const log = { schema: "public", name: "events_log" };

  it("streams every row in keyset batches and resumes from a saved cursor", async () => {
    const batches = [];
    for await (const batch of connector.streamRows(log, { batchSize: 40 })) batches.push(batch);
    const all = batches.flatMap((b) => b.rows);
    const expected = await admin.query(
      "SELECT category, score, note FROM public.events_log ORDER BY category, score, note",
    );
    expect(all).toEqual(expected.rows);
    expect(batches.map((b) => b.rows.length)).toEqual([40, 40, 40, 40, 40, 40, 40, 20]);
    expect(batches.map((b) => b.done)).toEqual([false, false, false, false, false, false, false, true]);

    // A crash after the third batch: the stored cursor resumes right after it.
    const resumed = [];
    for await (const batch of connector.streamRows(log, { batchSize: 100, cursor: batches[2]?.cursor }))
      resumed.push(...batch.rows);
    expect(resumed).toEqual(all.slice(120));
  });

  it("ends with done on a full last batch, without an extra empty one", async () => {
    const sizes = [];
    for await (const batch of connector.streamRows(log, { batchSize: 100 }))
      sizes.push([batch.rows.length, batch.done]);
    expect(sizes).toEqual([
      [100, false],
      [100, false],
      [100, true],
    ]);
  });

  it("yields one empty done batch for an empty table, and refuses bad sizes", async () => {
    const batches = [];
    for await (const batch of connector.streamRows({ schema: "public", name: "empty_table" }))
      batches.push(batch);
    expect(batches).toEqual([
      { columns: [expect.objectContaining({ name: "id" })], rows: [], cursor: null, done: true },
    ]);
    for (const batchSize of [0, 10_001]) {
      const stream = connector.streamRows(log, { batchSize })[Symbol.asyncIterator]();
      await expect(stream.next()).rejects.toMatchObject({ code: "invalid_input" });
    }
  });
});

describe("a catalog of 2,000 tables", () => {
  it("lists every table in one round trip", async () => {
    // In chunks: one transaction creating 2,000 tables needs more locks than PG15's default allows.
    await admin.query("CREATE SCHEMA bulk");
    for (let from = 1; from <= 2000; from += 100) {
      const statements = Array.from(
        { length: 100 },
        (_, i) =>
          `CREATE TABLE bulk.t${from + i} (id integer PRIMARY KEY, name text NOT NULL, parent integer REFERENCES bulk.t1 (id), created_at timestamptz, price numeric(12,2), tags text[])`,
      );
      await admin.query(statements.join(";\n"));
    }
    try {
      const started = performance.now();
      const catalog = await connector.listTables();
      const elapsedMs = performance.now() - started;
      console.log(
        `listTables on ${catalog.tables.length} tables (${stack.postgres.kind}): ${elapsedMs.toFixed(0)} ms`,
      );
      const bulk = catalog.tables.filter((t) => t.schema === "bulk");
      expect(bulk).toHaveLength(2000);
      expect(new Set(bulk.map((t) => t.name)).size).toBe(2000);
      expect(
        bulk.every(
          (t) => t.primaryKey.join() === "id" && t.columns.length === 6 && t.foreignKeys.length === 1,
        ),
      ).toBe(true);
    } finally {
      for (let from = 2000; from > 0; from -= 250) {
        const names = Array.from({ length: 250 }, (_, i) => `bulk.t${from - i}`).filter(
          (n) => !n.endsWith(".t0"),
        );
        await admin.query(`DROP TABLE IF EXISTS ${names.join(", ")} CASCADE`);
      }
      await admin.query("DROP SCHEMA bulk CASCADE");
    }
    // Creating 2,000 tables in PGlite beside the e2e suite (CI runs two tasks at once) took over 60 s;
    // nothing here is timed against a target (the connectors bench does that).
  }, 300_000);
});
