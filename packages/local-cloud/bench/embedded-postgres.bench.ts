import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineSuite } from "@answerbase/bench";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { applyDemoSchema } from "../src/postgres/demo-schema.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/postgres/embedded-postgres.ts";

const ORDER_SQL =
  "SELECT order_number, status, tracking_number, estimated_delivery FROM orders WHERE order_number = $1";
const ENDLESS = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM t) SELECT count(*) FROM t";

/** How startEmbeddedPostgres served PGlite before the watchdog: pglite-socket on the main thread. */
async function startInProcess(dataDir: string | undefined) {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  await applyDemoSchema(db);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 200 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return { url, stop: () => server.stop().then(() => db.close()) };
}

interface Context {
  folder: string;
  inMemory: { url: string; stop(): Promise<void> };
  inFiles: { url: string; stop(): Promise<void> };
  worker: EmbeddedPostgres;
  pools: { inMemory: pg.Pool; inFiles: pg.Pool; worker: pg.Pool };
}

/** Cost of running PGlite in a worker thread behind the deadline watchdog, against the former path. */
export default defineSuite<Context>({
  name: "embedded-postgres",
  description:
    "Order lookup (pg, extended protocol) on PGlite: in-process pglite-socket (before) vs worker + watchdog (now)",
  async setup() {
    const folder = await mkdtemp(join(tmpdir(), "bench-embedded-postgres-"));
    const inMemory = await startInProcess(undefined);
    const inFiles = await startInProcess(join(folder, "in-process"));
    const worker = await startEmbeddedPostgres({ dataDir: join(folder, "worker") });
    const pool = (url: string) => new pg.Pool({ connectionString: url, max: 4 });
    return {
      folder,
      inMemory,
      inFiles,
      worker,
      pools: { inMemory: pool(inMemory.url), inFiles: pool(inFiles.url), worker: pool(worker.url) },
    };
  },
  async teardown(c) {
    await Promise.all(Object.values(c.pools).map((p) => p.end()));
    await Promise.all([c.inMemory.stop(), c.inFiles.stop(), c.worker.stop()]);
    await rm(c.folder, { recursive: true, force: true });
  },
  cases: [
    {
      kind: "latency",
      name: "in-process, in memory (before: tests)",
      iterations: 1000,
      run: (c) => c.pools.inMemory.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "in-process, files (before: pnpm dev)",
      iterations: 1000,
      run: (c) => c.pools.inFiles.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "worker + watchdog, files (now)",
      iterations: 1000,
      run: (c) => c.pools.worker.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "in-process, files, 8 concurrent (before)",
      iterations: 1000,
      concurrency: 8,
      run: (c) => c.pools.inFiles.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "worker + watchdog, 8 concurrent",
      iterations: 1000,
      concurrency: 8,
      run: (c) => c.pools.worker.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "custom",
      name: "endless statement stopped at SET LOCAL 500 ms, then reopened",
      async measure(c) {
        const client = await c.pools.worker.connect();
        const start = performance.now();
        try {
          await client.query("BEGIN READ ONLY");
          await client.query("SET LOCAL statement_timeout = 500");
          const error = await client.query(ENDLESS).then(
            () => undefined,
            (e: { code?: string }) => e,
          );
          const errorMs = performance.now() - start;
          await client.query("ROLLBACK"); // runs once PGlite is reopened
          return {
            code: error?.code ?? "none",
            errorAfterMs: Math.round(errorMs),
            servingAgainAfterMs: Math.round(performance.now() - start),
          };
        } finally {
          client.release();
        }
      },
    },
  ],
});
