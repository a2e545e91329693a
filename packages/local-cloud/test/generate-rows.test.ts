import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, generateRows, type GenerateProgress, type TableTiming } from "../src/schema/generate-rows.ts";

const SCHEMA = readFileSync(new URL("../../../database-schema.sql", import.meta.url), "utf8");

/** Every table of database-schema.sql with the columns that order its rows. */
const TABLES: Record<string, string> = {
  "public.customers": "id",
  'public."StoreLocations"': "id",
  "public.product_categories": "id",
  "public.products": "id",
  "public.orders": "id",
  "public.order_items": "order_id, line_no",
  "public.inventory_events": "product_id, happened_at, t::text",
  "public.appointments": "id",
  "support.tickets": "id",
  "support.ticket_messages": "id",
};

async function one<T>(db: PGlite, sql: string): Promise<T> {
  const row = (await db.query<{ v: T }>(sql)).rows[0];
  if (!row) throw new Error(`no row from: ${sql}`);
  return row.v;
}

/** Row count and md5 of all rows per table (optionally only rows matching `where`), plus the ticket sequence. */
async function snapshot(db: PGlite, where: Record<string, string> = {}): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [table, orderBy] of Object.entries(TABLES)) {
    const filter = where[table] ? `WHERE ${where[table]}` : "";
    result[table] = await one<string>(
      db,
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY ${orderBy})), '-') AS v FROM ${table} t ${filter}`,
    );
  }
  result.sequence = await one<string>(db, "SELECT last_value::text AS v FROM support.tickets_id_seq");
  return result;
}

async function freshDatabase(): Promise<PGlite> {
  const db = await PGlite.create();
  await db.exec(SCHEMA);
  return db;
}

describe("database-schema.sql", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("is idempotent: a second run ends in exactly the same state", async () => {
    const first = await snapshot(db);
    await db.exec(SCHEMA);
    expect(await snapshot(db)).toEqual(first);
    expect(first["public.orders"]).toMatch(/^16:/);
  });

  it("holds the rows the demo questions ask about", async () => {
    const order = (
      await db.query("SELECT status, tracking_number FROM public.order_summaries WHERE order_number = 1001")
    ).rows;
    expect(order).toEqual([{ status: "shipped", tracking_number: "1Z999AA10123456784" }]);
    expect(
      await one<number>(db, "SELECT stock AS v FROM public.products WHERE sku = 'SKU-789'"),
    ).toBeGreaterThan(0);
    const upcoming = `SELECT count(*)::int AS v FROM public.appointments a JOIN public.customers c ON c.id = a.customer_id
      WHERE c.email = 'alice@example.com' AND a.status IN ('scheduled', 'confirmed')`;
    expect(await one<number>(db, upcoming)).toBeGreaterThan(0);
  });

  it("has the catalog quirks discovery must cope with", async () => {
    const keys = await db.query<{ table_name: string; columns: number }>(`
      SELECT tc.table_name, count(*)::int AS columns FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema IN ('public', 'support') GROUP BY 1`);
    const primaryKeyColumns = Object.fromEntries(keys.rows.map((r) => [r.table_name, r.columns]));
    expect(primaryKeyColumns.order_items).toBe(2);
    expect(primaryKeyColumns.inventory_events).toBeUndefined();
    expect(primaryKeyColumns.StoreLocations).toBe(1);
    const identity = await one<string>(
      db,
      `SELECT is_identity AS v FROM information_schema.columns
      WHERE table_schema = 'support' AND table_name = 'tickets' AND column_name = 'id'`,
    );
    expect(identity).toBe("YES");
    expect(await one<string>(db, `SELECT "Region Name" AS v FROM public."StoreLocations" WHERE id = 3`)).toBe(
      "Europe – DACH",
    );
  });
});

describe("generateRows", () => {
  const seed = 7;
  const orders = 2000;
  let db: PGlite;
  let timings: TableTiming[];
  const progress: GenerateProgress[] = [];
  let sampleBefore: Record<string, string>;
  let generated: Record<string, string>;
  const sampleOnly: Record<string, string> = {
    "public.customers": `id <= ${BASE.customers}`,
    "public.products": `id <= ${BASE.products}`,
    "public.orders": `id <= ${BASE.orders}`,
    "public.order_items": `order_id <= ${BASE.orders}`,
    "public.appointments": `customer_id <= ${BASE.customers}`,
    "support.tickets": `id <= ${BASE.tickets}`,
  };

  beforeAll(async () => {
    db = await freshDatabase();
    sampleBefore = await snapshot(db, sampleOnly);
    timings = await generateRows(db, { orders, seed, onProgress: (p) => progress.push(p) });
    generated = await snapshot(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it("adds the proportional row counts and reports them", async () => {
    const rows = Object.fromEntries(timings.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({
      customers: 200,
      products: 1000,
      orders: 2000,
      "support.tickets": 100,
      appointments: 40,
    });
    expect(rows.order_items).toBeGreaterThan(2.2 * orders);
    expect(rows.order_items).toBeLessThan(2.8 * orders);
    const count = (sql: string) => one<number>(db, `SELECT count(*)::int AS v FROM ${sql}`);
    expect(await count(`public.orders WHERE id > ${BASE.orders}`)).toBe(orders);
    expect(await count(`public.order_items WHERE order_id > ${BASE.orders}`)).toBe(rows.order_items);
    expect(await count(`public.customers WHERE id > ${BASE.customers}`)).toBe(200);
    for (const { table, rows: done } of timings) {
      const last = progress.filter((p) => p.table === table).at(-1);
      expect(last, table).toEqual({ table, rows: done, total: done });
    }
  });

  it("keeps references and totals consistent", async () => {
    const orphans = {
      items_without_order:
        "public.order_items i LEFT JOIN public.orders o ON o.id = i.order_id WHERE o.id IS NULL",
      items_without_product:
        "public.order_items i LEFT JOIN public.products p ON p.id = i.product_id WHERE p.id IS NULL",
      orders_without_customer:
        "public.orders o LEFT JOIN public.customers c ON c.id = o.customer_id WHERE c.id IS NULL",
      orders_without_items:
        "public.orders o WHERE NOT EXISTS (SELECT 1 FROM public.order_items i WHERE i.order_id = o.id)",
      tickets_of_someone_else:
        "support.tickets t JOIN public.orders o ON o.id = t.order_id WHERE o.customer_id <> t.customer_id",
      appointments_without_store: `public.appointments a LEFT JOIN public."StoreLocations" s ON s.id = a.store_id WHERE s.id IS NULL`,
      wrong_totals: `public.orders o WHERE o.total <> o.shipping_fee
        + (SELECT sum(quantity * unit_price) FROM public.order_items i WHERE i.order_id = o.id)`,
    };
    for (const [name, from] of Object.entries(orphans)) {
      expect(await one<number>(db, `SELECT count(*)::int AS v FROM ${from}`), name).toBe(0);
    }
  });

  it("leaves the sample data untouched", async () => {
    // Only the ticket sequence moves: generated tickets take ids above BASE.tickets.
    const { sequence: _before, ...before } = sampleBefore;
    const { sequence: _after, ...after } = await snapshot(db, sampleOnly);
    expect(after).toEqual(before);
  });

  it("moves the identity sequence past the generated tickets", async () => {
    await db.exec("BEGIN");
    const id = await one<string>(
      db,
      `INSERT INTO support.tickets (customer_id, subject, channel, created_at, updated_at)
      VALUES (1, 'test', 'web', now(), now()) RETURNING id::text AS v`,
    );
    await db.exec("ROLLBACK");
    expect(Number(id)).toBe(BASE.tickets + 101);
  });

  it("is deterministic per seed, and a rerun replaces the previous rows", async () => {
    const again = await freshDatabase();
    try {
      await generateRows(again, { orders, seed });
      expect(await snapshot(again)).toEqual(generated);
      await generateRows(again, { orders, seed: seed + 1 });
      expect((await snapshot(again))["public.orders"]).not.toBe(generated["public.orders"]);
      await generateRows(again, { orders, seed });
      expect(await snapshot(again)).toEqual(generated);
    } finally {
      await again.close();
    }
  });

  it("rejects an invalid order count", async () => {
    await expect(generateRows(db, { orders: 0 })).rejects.toThrow(/orders must be an integer/);
    await expect(generateRows(db, { orders: 1.5 })).rejects.toThrow(/orders must be an integer/);
  });
});
