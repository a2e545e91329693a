/**
 * `pnpm bench connectors`: preview latency at page 1 and at a deep cursor, listTables on 2,000 tables,
 * streamRows throughput and memory against a raw pg cursor, and each connector's overhead over pg.
 *
 * Runs against BENCH_DATABASE_URL / TEST_DATABASE_URL (a fresh database is created there) or, without
 * either, the embedded PGlite with a smaller table (BENCH_ROWS, default 1,000,000 on a server and
 * 100,000 on PGlite). The targets are for the real local PostgreSQL.
 */
import { defineSuite, type BenchCase } from "@answerbase/bench";
import { startLocalCloud, registerDemoResources } from "@answerbase/local-cloud";
import { startTestPostgres, type TestCloud, type TestPostgres } from "@answerbase/local-cloud/testing";
import pg from "pg";
import Cursor from "pg-cursor";
import { encodeCursor } from "../src/core/cursor.ts";
import { createConnector, type Connector, type TableRef } from "../src/index.ts";
import { CONNECTOR_CASES } from "../test/support/connector-cases.ts";
import { createManyTables, fillOrderItemsTable, measureStream } from "./bench-data.ts";

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const ROWS = Number(process.env.BENCH_ROWS ?? (serverUrl ? 1_000_000 : 100_000));
const MANY_TABLES = 2_000;
const BIG_TABLE: TableRef = { schema: "public", name: "bench_rows" };

interface Context {
  stack: TestCloud;
  pool: pg.Pool;
  connectors: Map<string, Connector>;
  streamRates: Map<string, number>;
}

/** A cursor 90% of the way into the table (cursors are opaque to callers; the bench knows the format). */
const DEEP_CURSOR = encodeCursor('"public"."bench_rows"', ["id"], [Math.floor(ROWS * 0.9)]);

function pagingCases(name: string): BenchCase<Context>[] {
  return [
    {
      kind: "latency",
      name: `${name}: preview page 1`,
      iterations: 200,
      target: { p95Ms: 50 },
      run: async (c) => void (await c.connectors.get(name)!.preview(BIG_TABLE, { limit: 50 })),
    },
    {
      kind: "latency",
      name: `${name}: preview deep cursor`,
      iterations: 200,
      target: { p95Ms: 50 },
      run: async (c) =>
        void (await c.connectors.get(name)!.preview(BIG_TABLE, { limit: 50, cursor: DEEP_CURSOR })),
    },
    {
      kind: "custom",
      name: `${name}: overhead over raw pg`,
      measure: async (c) => {
        // Interleaved, so both see the same machine load.
        const sql = "SELECT * FROM bench_rows WHERE id = $1";
        let connectorMs = 0;
        let pgMs = 0;
        for (let i = 0; i < 200; i++) {
          const id = 1 + ((i * 7919) % ROWS);
          let started = performance.now();
          await c.connectors.get(name)!.query(sql, [id]);
          connectorMs += performance.now() - started;
          started = performance.now();
          await c.pool.query(sql, [id]);
          pgMs += performance.now() - started;
        }
        const round = (n: number) => Math.round(n * 100) / 100;
        return {
          connectorMeanMs: round(connectorMs / 200),
          pgMeanMs: round(pgMs / 200),
          ratio: round(connectorMs / pgMs),
        };
      },
    },
  ];
}

export default defineSuite<Context>({
  name: "connectors",
  description: `Connectors over a ${ROWS.toLocaleString("en-US")}-row table and ${MANY_TABLES} tables (${serverUrl ? "PostgreSQL server" : "PGlite"})`,
  async setup() {
    if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
    const postgres: TestPostgres = await startTestPostgres();
    const pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
    await fillOrderItemsTable(pool, ROWS);
    await createManyTables(pool, MANY_TABLES);
    const cloud = await startLocalCloud({ databaseUrl: postgres.url });
    const stack: TestCloud = {
      cloud,
      postgres,
      // Trusts any organization id, as the test stack does: the connector cases use a test organization.
      demo: registerDemoResources(cloud, { externalIds: "*" }),
      stop: async () => {
        await cloud.stop();
        await postgres.stop();
      },
    };
    const connectors = new Map<string, Connector>();
    for (const connectorCase of CONNECTOR_CASES) {
      connectors.set(
        connectorCase.name,
        createConnector(connectorCase.config(stack), connectorCase.environment(stack)),
      );
    }
    return { stack, pool, connectors, streamRates: new Map() };
  },
  async teardown(c) {
    for (const connector of c.connectors.values()) await connector.close();
    await c.pool.end();
    await c.stack.stop();
  },
  cases: [
    ...CONNECTOR_CASES.flatMap((connectorCase) => pagingCases(connectorCase.name)),
    ...CONNECTOR_CASES.map((connectorCase): BenchCase<Context> => ({
      kind: "latency",
      name: `${connectorCase.name}: listTables (${MANY_TABLES} tables)`,
      iterations: 5,
      warmup: 1,
      target: { p95Ms: 500 },
      run: async (c) => {
        // A fresh connector each time: listTables caches its catalog per instance.
        const fresh = createConnector(connectorCase.config(c.stack), connectorCase.environment(c.stack));
        await fresh.listTables();
        await fresh.close();
      },
    })),
    {
      kind: "custom",
      name: "raw pg cursor: stream all rows",
      measure: async (c) => {
        const client = await c.pool.connect();
        try {
          const figures = await measureStream(ROWS, async (onRows) => {
            const cursor = client.query(new Cursor("SELECT * FROM bench_rows ORDER BY id"));
            for (;;) {
              const rows = await cursor.read(1000);
              if (rows.length === 0) break;
              onRows(rows.length);
            }
            await cursor.close();
          });
          c.streamRates.set("raw pg", figures.rowsPerSec!);
          return figures;
        } finally {
          client.release();
        }
      },
    },
    ...CONNECTOR_CASES.map((connectorCase): BenchCase<Context> => ({
      kind: "custom",
      name: `${connectorCase.name}: streamRows`,
      measure: async (c) => {
        const figures = await measureStream(ROWS, async (onRows) => {
          for await (const batch of c.connectors
            .get(connectorCase.name)!
            .streamRows(BIG_TABLE, { batchSize: 1000 })) {
            onRows(batch.rows.length);
          }
        });
        const raw = c.streamRates.get("raw pg");
        return {
          ...figures,
          ratioToRawPg: raw ? Math.round((figures.rowsPerSec! / raw) * 100) / 100 : Number.NaN,
        };
      },
    })),
  ],
});
