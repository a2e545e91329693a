import type pg from "pg";

/** `bench_rows`: N rows of mixed types, generated inside the server. */
export async function fillOrderItemsTable(pool: pg.Pool, rows: number): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS public.bench_rows (
      id integer PRIMARY KEY,
      customer_email text NOT NULL,
      status text NOT NULL,
      amount numeric(12, 2) NOT NULL,
      created_at timestamptz NOT NULL,
      details jsonb
    )`);
  await pool.query("TRUNCATE public.bench_rows");
  for (let start = 1; start <= rows; start += 200_000) {
    const end = Math.min(rows, start + 199_999);
    await pool.query(
      `INSERT INTO public.bench_rows
       SELECT i, 'customer' || (i % 100000) || '@example.com', (ARRAY['pending','shipped','delivered'])[1 + i % 3],
              (i % 100000) / 100.0, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute',
              jsonb_build_object('sku', 'SKU-' || (i % 5000), 'qty', 1 + i % 4)
       FROM generate_series($1::int, $2::int) AS i`,
      [start, end],
    );
  }
  await pool.query("ANALYZE public.bench_rows");
}

/** `count` small tables in a schema of their own, for catalog discovery at scale. */
export async function createManyTables(pool: pg.Pool, count: number): Promise<void> {
  await pool.query("DROP SCHEMA IF EXISTS bench_many CASCADE");
  await pool.query("CREATE SCHEMA bench_many");
  for (let start = 0; start < count; start += 250) {
    const statements = [];
    for (let i = start; i < Math.min(count, start + 250); i++) {
      statements.push(
        `CREATE TABLE bench_many.table_${i} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz, parent_id bigint REFERENCES bench_many.table_${i} (id))`,
      );
    }
    await pool.query(statements.join(";\n"));
  }
}

/**
 * Runs a full read, reporting rows/s and how much the process's RSS grew after the first 10,000
 * rows (flat memory means the growth stays small whatever the table size).
 */
export async function measureStream(
  expectedRows: number,
  read: (onRows: (count: number) => void) => Promise<void>,
): Promise<Record<string, number>> {
  let rows = 0;
  let rssAt10k = 0;
  let peakRss = 0;
  const started = performance.now();
  await read((count) => {
    rows += count;
    const rss = process.memoryUsage().rss;
    if (!rssAt10k && rows >= 10_000) rssAt10k = rss;
    peakRss = Math.max(peakRss, rss);
  });
  const seconds = (performance.now() - started) / 1000;
  if (rows !== expectedRows) throw new Error(`read ${rows} rows, expected ${expectedRows}`);
  return {
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSec: Math.round(rows / seconds),
    rssGrowthAfter10kMB: Math.round(((peakRss - rssAt10k) / 1024 / 1024) * 10) / 10,
  };
}
