import { defineSuite, type CustomCase } from "@answerbase/bench";
import type { DataSourceConfig } from "@answerbase/connectors";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import type { AccessPolicy } from "../convex/access/policies.ts";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { createUser, grantPrivateNetworks, startBackend, type Backend } from "../test/support/backend.ts";
import { benchContacts, benchDatabase, type BenchContact } from "./retrieval-data.ts";
import {
  againstAlone,
  ask,
  breakdown,
  busyTimer,
  percentile,
  summary,
  timeEmbeddings,
  timeSharedConnector,
  type Lookups,
  type Sample,
} from "./retrieval-measure.ts";
import { DOCUMENTS, questionsFor } from "./retrieval-questions.ts";

/*
 * The agent's lookup (issue 7): `system/answers:lookup` (database ∥ knowledge base, priority rules) on
 * convex-test's engine as local-convex runs it, against a real PostgreSQL holding the demo schema with
 * BENCH_RETRIEVAL_ORDERS orders (1,000,000; 100,000 with --quick) and the suggested access policies,
 * plus four policy documents in the knowledge base. One user asking in turn, then 50 contacts at once;
 * each with the sources in parallel and one after the other. A single user's question is asked both
 * ways back to back, so its parallel total is compared with the physical limit measured in the same
 * run: max(database alone, knowledge base alone), from its sequential twin (`alone`, `ratio`). The
 * 50 contacts' rows compare the two modes' p95. The last row splits the single user's time.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench retrieval [--quick]
 *   EMBEDDING_MODEL=test            the hashing test embedder instead of the offline sentence encoder
 *   BENCH_RETRIEVAL_OWNER_INDEX=1   with an index on the owner filter's expression (see docs/benchmarks.md)
 */
// Custom cases do not get the runner's scale, so --quick is read where the runner reads it.
const QUICK = process.argv.includes("--quick");
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ORDERS = Number(process.env.BENCH_RETRIEVAL_ORDERS ?? (QUICK ? 100_000 : 1_000_000));
const MODEL = process.env.EMBEDDING_MODEL ?? "offline";
const OWNER_INDEX = process.env.BENCH_RETRIEVAL_OWNER_INDEX === "1";
const CONTACTS = 50;
/** Rounds of a contact's 8 questions: a single user asks 25 × 8 = 200 times, 50 contacts 800 in all. */
const SINGLE_ROUNDS = QUICK ? 3 : 25;
const CONCURRENT_ROUNDS = QUICK ? 1 : 2;

interface Context extends Lookups {
  contacts: BenchContact[];
  single?: { parallel: Sample[]; sequential: Sample[] };
  concurrentParallel?: Sample[];
}

const sumOf = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.totalMs, 0);

/**
 * Each question parallel and sequential back to back (alternating which goes first), so both modes
 * see the same load from the rest of the machine; the first row reports one, the second the other.
 */
async function singleUser(c: Context) {
  const questions = Array.from({ length: SINGLE_ROUNDS }, (_, r) =>
    questionsFor(c.contacts[r % c.contacts.length]!, r),
  ).flat();
  const single = { parallel: [] as Sample[], sequential: [] as Sample[] };
  for (const [i, question] of questions.entries()) {
    for (const sequential of i % 2 === 0 ? [false, true] : [true, false])
      (sequential ? single.sequential : single.parallel).push(await ask(c, question, sequential));
  }
  c.single = single;
  return single;
}

const singleCases: CustomCase<Context>[] = [
  {
    kind: "custom",
    name: "single user, parallel",
    async measure(c) {
      const { parallel, sequential } = await singleUser(c);
      const limit = againstAlone(parallel, sequential);
      return {
        ...summary(parallel, sumOf(parallel)),
        ...limit,
        target: "p95 < 300, p95 ≤ 1.1 × alone p95",
        met: limit["p95 / alone p95"] <= 1.1 ? "yes" : "NO",
      };
    },
  },
  {
    kind: "custom",
    name: "single user, sequential",
    measure(c) {
      const { parallel, sequential } = c.single ?? { parallel: [], sequential: [] };
      // Same question, same moment: the sequential lookup must return what the parallel one did, and
      // parallel/sequential per question is what running the sources in parallel saved.
      const same = sequential.filter((s, i) => s.result === parallel[i]?.result).length;
      const saved = sequential.map((s, i) => (parallel[i]?.totalMs ?? NaN) / s.totalMs).sort((a, b) => a - b);
      return Promise.resolve({
        ...summary(sequential, sumOf(sequential)),
        target: `same result ${same}/${sequential.length}`,
        "parallel/sequential p50": Math.round((saved[Math.ceil(saved.length / 2) - 1] ?? NaN) * 100) / 100,
      });
    },
  },
];

function concurrentContacts(sequential: boolean): CustomCase<Context> {
  return {
    kind: "custom",
    name: `${CONTACTS} concurrent contacts, ${sequential ? "sequential" : "parallel"}`,
    async measure(c) {
      const started = performance.now();
      const perContact = await Promise.all(
        c.contacts.map(async (contact, i) => {
          const samples: Sample[] = [];
          for (let r = 0; r < CONCURRENT_ROUNDS; r++)
            for (const question of questionsFor(contact, i + r))
              samples.push(await ask(c, question, sequential));
          return samples;
        }),
      );
      const samples = perContact.flat();
      const row = summary(samples, performance.now() - started);
      const p95 = percentile(
        samples.map((s) => s.totalMs),
        95,
      );
      if (!sequential) {
        c.concurrentParallel = samples;
        return { ...row, target: "p95 < 1000", met: p95 < 1000 ? "yes" : "NO" };
      }
      // Run after the parallel case, so the machine's load is as alike as two phases get.
      const parallelP95 = percentile(
        (c.concurrentParallel ?? []).map((s) => s.totalMs),
        95,
      );
      const vsSequential = Math.round((parallelP95 / p95) * 100) / 100;
      return {
        ...row,
        target: "parallel p95 ≤ sequential p95",
        "parallel p95 / sequential p95": vsSequential,
        met: vsSequential <= 1 ? "yes" : "NO",
      };
    },
  };
}

/**
 * Until no scheduled function is pending or running. convex-test stores an action's file outside any
 * transaction only when no other function holds its lock; a purge or an indexing step still running
 * when the next upload stores its file fails with "Write outside of transaction".
 */
async function settle(t: Backend) {
  for (;;) {
    await t.finishInProgressScheduledFunctions();
    const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    if (jobs.every((job) => !["pending", "inProgress"].includes(job.state.kind))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForDocument(t: Backend, documentId: Id<"knowledgeDocuments">) {
  for (let i = 0; i < 1200; i++) {
    const document = (await t.run((ctx) => ctx.db.get(documentId)))!;
    if (document.status.kind === "ready") return await settle(t);
    if (document.status.kind !== "processing")
      throw new Error(`${document.fileName}: ${document.status.kind}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("A knowledge document is still processing after 2 minutes.");
}

/** Saves every non-private suggestion, as an admin accepting them would, and checks the two that matter. */
async function acceptSuggestedPolicies(
  owner: Awaited<ReturnType<typeof createUser>>["as"],
  organizationId: Id<"organizations">,
) {
  const tables = await owner.action(api.private.dataSourceActions.listTables, { organizationId });
  const suggested = new Map<string, AccessPolicy>();
  for (const table of tables.filter((table) => table.suggestion.policy.kind !== "private")) {
    suggested.set(`${table.schema}.${table.name}`, table.suggestion.policy);
    const ref = { organizationId, schema: table.schema, table: table.name };
    await owner.mutation(api.private.dataSources.setPolicy, { ...ref, policy: table.suggestion.policy });
  }
  const orders = suggested.get("public.orders");
  if (suggested.get("public.products")?.kind !== "public" || orders?.kind !== "customer")
    throw new Error("Expected the suggestions: products public, orders customer-scoped.");
  if (orders.ownerColumn !== "email" || orders.ownerPath.at(-1)?.references.table !== "customers")
    throw new Error(`Expected orders scoped through customers.email, got ${JSON.stringify(orders)}.`);
}

async function setup(): Promise<Context> {
  // rag says so on every search of the (empty) global namespace: twice per lookup, nothing to act on.
  console.debug = () => undefined;
  const database = await benchDatabase(SERVER_URL, ORDERS, { ownerIndex: OWNER_INDEX });
  console.log(`   database: ${ORDERS.toLocaleString("en-US")} orders (${database.load})`);
  Object.assign(process.env, await generateDeploymentSecrets(), {
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
    ANSWERBASE_SECRET_STORE: "encrypted_table",
    EMBEDDING_MODEL: MODEL,
  });
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Bench" });
  await grantPrivateNetworks(t, organizationId);
  const config: DataSourceConfig = { provider: "postgres", connectionString: database.url };
  await owner.as.action(api.private.dataSourceActions.save, { organizationId, config });
  await acceptSuggestedPolicies(owner.as, organizationId);
  await settle(t);

  const timers = { embedding: busyTimer(), sql: busyTimer(), catalog: busyTimer() };
  timeEmbeddings(timers.embedding);
  for (const [fileName, text] of Object.entries(DOCUMENTS)) {
    const base64 = Buffer.from(text).toString("base64");
    const documentId = await t.action(internal.system.documents.upload, { organizationId, fileName, base64 });
    await waitForDocument(t, documentId);
  }
  const contacts = await benchContacts(database.url, ORDERS, CONTACTS);
  const c: Context = { t, organizationId, timers, contacts };
  // Untimed: loads the offline model, the guard's parser, the catalog cache; the first of each kind.
  for (const question of questionsFor(contacts[0]!, 0)) await ask(c, question, false);
  timeSharedConnector(c);
  return c;
}

export default defineSuite<Context>({
  name: "retrieval",
  description:
    `The agent's lookup (database ∥ knowledge base): ${ORDERS.toLocaleString("en-US")} orders on PostgreSQL, ` +
    `${MODEL} embedder${OWNER_INDEX ? ", owner-key index" : ""}`,
  setup,
  cases: [
    ...singleCases,
    concurrentContacts(false),
    concurrentContacts(true),
    {
      kind: "custom",
      name: "single user: where the time goes",
      measure: (c) => breakdown(c, c.single?.parallel ?? []),
    },
  ],
});
