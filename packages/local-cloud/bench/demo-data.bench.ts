import { defineSuite } from "@answerbase/bench";
import pg from "pg";
import { generateRows } from "../src/schema/generate-rows.ts";
import { startTestPostgres, type TestPostgres } from "../src/testing/index.ts";

/** BENCH_ORDERS overrides the size; the 1,000,000-order figure in docs/benchmarks.md used it. */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);

interface Context {
  postgres: TestPostgres;
  client: pg.Client;
}

export default defineSuite<Context>({
  name: "demo-data",
  description: `Bench-data generator: ${ORDERS.toLocaleString("en-US")} orders into a fresh demo database (PGlite, or TEST_DATABASE_URL)`,
  async setup() {
    const postgres = await startTestPostgres();
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    return { postgres, client };
  },
  async teardown(c) {
    await c.client.end();
    await c.postgres.stop();
  },
  cases: [
    {
      kind: "custom",
      name: "generate",
      async measure(c) {
        const started = performance.now();
        const timings = await generateRows(c.client, { orders: ORDERS, seed: 1 });
        const seconds = (performance.now() - started) / 1000;
        const rows = timings.reduce((sum, t) => sum + t.rows, 0);
        const orders = timings.find((t) => t.table === "orders");
        return {
          database: c.postgres.kind,
          orders: ORDERS,
          totalRows: rows,
          seconds: Math.round(seconds * 10) / 10,
          rowsPerSec: Math.round(rows / seconds),
          ordersPerSec: orders ? Math.round(orders.rows / (orders.ms / 1000)) : 0,
        };
      },
    },
  ],
});
