import { defineSuite } from "@answerbase/bench";
import { generateRows } from "@answerbase/local-cloud/testing";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import type { AccessPolicy } from "../convex/lib/accessPolicies.ts";
import { knowledgeIndex } from "../convex/lib/knowledgeIndex.ts";
import {
  createUser,
  deploymentEnv,
  demoConfigs,
  startBackend,
  type Backend,
} from "../test/support/backend.ts";

/*
 * Database rows into the retrieval index end to end (connector → row documents → hashes → embeddings →
 * rag), on convex-test's engine as local-convex runs it. BENCH_INGEST_ORDERS="10000,100000" sets the
 * sizes (orders; the generator adds customers and products), EMBEDDING_MODEL=offline measures the
 * offline model instead of the test embedder. Use TEST_DATABASE_URL for a real PostgreSQL.
 */
const SIZES = (process.env.BENCH_INGEST_ORDERS ?? "10000").split(",").map(Number);
const MODEL = process.env.EMBEDDING_MODEL ?? "test";

interface Context {
  cloud?: TestCloud;
}

async function ingest(t: Backend, organizationId: Id<"organizations">) {
  const jobId: Id<"ingestionJobs"> = await t.mutation(internal.system.ingestionJobs.start, {
    organizationId,
  });
  let peakRss = process.memoryUsage().rss;
  const started = performance.now();
  for (;;) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const job = (await t.run((ctx) => ctx.db.get(jobId)))!;
    if (!["running", "queued"].includes(job.status.kind)) {
      const seconds = (performance.now() - started) / 1000;
      const rows = job.tables.reduce((sum, table) => sum + table.rowsRead, 0);
      return { job, seconds, rows, peakRssMb: Math.round(peakRss / 2 ** 20) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export default defineSuite<Context>({
  name: "ingestion",
  description: `Row ingestion with the ${MODEL} embedder, orders + products, ${SIZES.join(" / ")} orders`,
  setup: () => Promise.resolve({}),
  async teardown(context) {
    await context.cloud?.stop();
  },
  cases: SIZES.map((orders) => ({
    kind: "custom" as const,
    name: `${orders.toLocaleString("en-US")} orders`,
    async measure(context: Context) {
      await context.cloud?.stop();
      const cloud = (context.cloud = await startTestCloud());
      const client = new pg.Client({ connectionString: cloud.postgres.url });
      await client.connect();
      await client.query("TRUNCATE public.orders, public.order_items, public.customers CASCADE");
      await generateRows(client, { orders, seed: 1 });
      await client.end();

      Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: MODEL });
      const t = await startBackend();
      const owner = await createUser(t, "owner@shop.test");
      const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Bench" });
      await owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).postgres!,
      });
      const setPolicy = (table: string, policy: AccessPolicy) =>
        owner.as.mutation(api.private.dataSources.setPolicy, {
          organizationId,
          schema: "public",
          table,
          policy,
        });
      await setPolicy("products", { kind: "public" });
      await setPolicy("orders", {
        kind: "customer",
        ownerPath: [
          { column: "customer_id", references: { schema: "public", table: "customers", column: "id" } },
        ],
        ownerColumn: "email",
      });
      await t.finishInProgressScheduledFunctions();

      const stats = knowledgeIndex().entry.stats;
      stats.reset();
      const first = await ingest(t, organizationId);
      const firstCalls = stats.calls;
      stats.reset();
      const again = await ingest(t, organizationId);
      return {
        database: cloud.postgres.kind,
        rows: first.rows,
        rowsPerSec: Math.round(first.rows / first.seconds),
        seconds: Math.round(first.seconds * 10) / 10,
        embeddingCalls: firstCalls,
        embedSec: Math.round(first.job.timings.embedMs / 100) / 10,
        readSec: Math.round(first.job.timings.readMs / 100) / 10,
        writeSec: Math.round(first.job.timings.writeMs / 100) / 10,
        peakRssMb: first.peakRssMb,
        reingestSec: Math.round(again.seconds * 10) / 10,
        reingestCalls: stats.calls,
        reingestSpeedup: Math.round((first.seconds / again.seconds) * 10) / 10,
      };
    },
  })),
});
