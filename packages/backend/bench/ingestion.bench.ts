import { defineSuite } from "@answerbase/bench";
import { generateRows } from "@answerbase/local-cloud/testing";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { getConvexSize, type Value } from "convex/values";
import pg from "pg";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import type { AccessPolicy } from "../convex/access/policies.ts";
import { knowledgeIndex } from "../convex/knowledge/searchIndex.ts";
import {
  createUser,
  deploymentEnv,
  demoConfigs,
  grantPrivateNetworks,
  startBackend,
  type Backend,
} from "../test/support/backend.ts";

/*
 * Database rows into the retrieval index end to end (connector → row documents → related rows → hashes
 * → embeddings → rag), on convex-test's engine as local-convex runs it. BENCH_INGEST_ORDERS="10000,100000"
 * sets the sizes (orders; the generator adds customers and products), EMBEDDING_MODEL=offline measures
 * the offline model instead of the test embedder. Use TEST_DATABASE_URL for a real PostgreSQL.
 * Orders and customers are customer-scoped, products and categories public, so orders carry their
 * customer's name and products their category's. CPU seconds are reported next to wall seconds because
 * the machine is shared; "stored" is the Convex size of every document the engine holds in memory.
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
  const cpu = process.cpuUsage();
  for (let polls = 0; ; polls++) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const job = (await t.run((ctx) => ctx.db.get(jobId)))!;
    if (!["running", "queued"].includes(job.status.kind)) {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const rows = job.tables.reduce((sum, table) => sum + table.rowsRead, 0);
      return {
        job,
        seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        rows,
        peakRssMb: Math.round(peakRss / 2 ** 20),
      };
    }
    // Fine-grained at first (a re-ingest takes about a second), then every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, polls < 100 ? 10 : 100));
  }
}

/** The Convex size of every document the engine holds, all components included, in MB. */
function storedMb(t: Backend): number {
  const engine = (t as unknown as { _localConvex: { convexGlobal: { components: object } } })._localConvex;
  let bytes = 0;
  for (const component of Object.values(engine.convexGlobal.components) as {
    db: { _documents: Record<string, Value> };
  }[]) {
    for (const document of Object.values(component.db._documents)) bytes += getConvexSize(document);
  }
  return Math.round(bytes / 2 ** 20);
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
      await grantPrivateNetworks(t, organizationId);
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
      await setPolicy("product_categories", { kind: "public" });
      await setPolicy("customers", { kind: "customer", ownerPath: [], ownerColumn: "email" });
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
      const stored = storedMb(t);
      const again = await ingest(t, organizationId);
      return {
        database: cloud.postgres.kind,
        rows: first.rows,
        rowsPerSec: Math.round(first.rows / first.seconds),
        seconds: Math.round(first.seconds * 10) / 10,
        cpuSec: Math.round(first.cpuSeconds * 10) / 10,
        embeddingCalls: firstCalls,
        embedSec: Math.round(first.job.timings.embedMs / 100) / 10,
        readSec: Math.round(first.job.timings.readMs / 100) / 10,
        writeSec: Math.round(first.job.timings.writeMs / 100) / 10,
        peakRssMb: first.peakRssMb,
        storedMb: stored,
        reingestSec: Math.round(again.seconds * 100) / 100,
        reingestCpuSec: Math.round(again.cpuSeconds * 100) / 100,
        reingestCalls: stats.calls,
        reingestSpeedup: Math.round((first.seconds / again.seconds) * 10) / 10,
        cpuSpeedup: Math.round((first.cpuSeconds / again.cpuSeconds) * 10) / 10,
      };
    },
  })),
});
