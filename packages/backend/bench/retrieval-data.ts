import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { applyDemoSchema, DEMO_SCHEMA_PATH } from "@answerbase/local-cloud";
import { generateRows } from "@answerbase/local-cloud/testing";
import pg from "pg";

/*
 * The retrieval bench's customer database: the demo schema scaled by the bench-data generator, in a
 * database of its own on the server (one per size), kept between runs. Loading a million orders takes
 * about a minute, so a run reuses the database when its marker (orders, seed, schema hash, written
 * only after a complete load) and its order count still match, and reloads it otherwise.
 */

const SEED = 1;
/** Generated rows start above these ids (see generate-rows.ts); the sample data sits below. */
const BASE_CUSTOMER = 1_000_000;
const BASE_ORDER = 10_000_000;

export interface BenchDatabase {
  url: string;
  /** "reused", or how long the load took. */
  load: string;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function expectedMarker(orders: number): Promise<string> {
  const schema = createHash("sha256")
    .update(await readFile(DEMO_SCHEMA_PATH))
    .digest("hex");
  return `answerbase retrieval bench: orders=${orders} seed=${SEED} schema=${schema.slice(0, 16)}`;
}

/**
 * `ownerIndex`: an index on `lower(btrim(email))`, the expression the lookup's owner filter compares
 * (created, or dropped when not asked for, so the database is in the state the run names).
 */
export async function benchDatabase(
  serverUrl: string,
  orders: number,
  options: { ownerIndex: boolean },
): Promise<BenchDatabase> {
  const name = `answerbase_bench_retrieval_${orders}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const marker = await expectedMarker(orders);
  const found = await withClient(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ marker: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1",
      [name],
    );
    if (rows.length === 0) await admin.query(`CREATE DATABASE ${name}`);
    return rows[0]?.marker ?? null;
  });
  return withClient(url.toString(), async (client) => {
    const load = await loadOnce(client, name, orders, marker, found);
    await client.query(
      options.ownerIndex
        ? "CREATE INDEX IF NOT EXISTS bench_customers_owner_key ON public.customers (lower(btrim(email)))"
        : "DROP INDEX IF EXISTS public.bench_customers_owner_key",
    );
    await client.query("ANALYZE public.customers");
    return { url: url.toString(), load };
  });
}

/** Loads the rows unless a complete load with the same marker and order count is already there. */
async function loadOnce(
  client: pg.Client,
  name: string,
  orders: number,
  marker: string,
  found: string | null,
) {
  if (found === marker) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM public.orders WHERE id > ${BASE_ORDER}`,
    );
    if (Number(rows[0]?.n) === orders) return "reused";
  }
  const started = performance.now();
  // The marker goes first so that an interrupted load is never mistaken for a complete one.
  await client.query(`COMMENT ON DATABASE ${name} IS NULL`);
  await applyDemoSchema(client);
  await generateRows(client, { orders, seed: SEED });
  // The generator leaves statistics to the caller; without them the planner guesses on 1M rows.
  await client.query("ANALYZE");
  await client.query(`COMMENT ON DATABASE ${name} IS '${marker}'`);
  return `loaded in ${Math.round((performance.now() - started) / 100) / 10} s`;
}

export interface BenchContact {
  email: string;
  /** Order numbers of this customer's own orders. */
  orders: string[];
}

/** `count` generated customers spread over the table, each with at least one order. */
export async function benchContacts(url: string, orders: number, count: number): Promise<BenchContact[]> {
  const customers = Math.ceil(orders / 10);
  const step = Math.max(1, Math.floor(customers / (count * 2)));
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ email: string; orders: string[] }>(
      `SELECT c.email, array_agg(o.order_number::text ORDER BY o.order_number) AS orders
       FROM public.customers c JOIN public.orders o ON o.customer_id = c.id
       WHERE c.id IN (SELECT ${BASE_CUSTOMER} + 1 + k * ${step} FROM generate_series(0, $1::int - 1) k)
       GROUP BY c.id, c.email ORDER BY c.id LIMIT $2`,
      [count * 2, count],
    );
    if (rows.length < count) throw new Error(`Only ${rows.length} customers with orders, ${count} needed.`);
    return rows;
  });
}
