import os from "node:os";
import { defineSuite, type CustomCase } from "@answerbase/bench";
import { createConnector, type Connector } from "@answerbase/connectors";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import type { AccessPolicy } from "../convex/lib/accessPolicies.ts";
import { knowledgeIndex } from "../convex/lib/knowledgeIndex.ts";
import { planLookup } from "../convex/lib/lookup/plan.ts";
import { runLookup } from "../convex/lib/lookup/runLookup.ts";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { createUser, startBackend, type Backend } from "../test/support/backend.ts";
import { benchContacts, benchDatabase, type BenchContact } from "./retrieval-data.ts";
import { DOCUMENTS, questionsFor, type Question } from "./retrieval-questions.ts";

/*
 * The agent's lookup (issue 7): `system/answers:lookup` (database ∥ knowledge base, priority rules) on
 * convex-test's engine as local-convex runs it, against a real PostgreSQL holding the demo schema with
 * BENCH_RETRIEVAL_ORDERS orders (1,000,000; 100,000 with --quick). One user asking in turn, then 50
 * contacts at once; each both with the sources in parallel and one after the other. The ratio is
 * total / max(database ms, knowledge-base ms) per lookup. The last rows split a single user's time into
 * planning, SQL, embedding the query and the rest of the knowledge-base search.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench retrieval [--quick]
 *   EMBEDDING_MODEL=test: the hashing test embedder instead of the offline sentence encoder.
 */
// Custom cases do not get the runner's scale, so --quick is read where the runner reads it.
const QUICK = process.argv.includes("--quick");
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ORDERS = Number(process.env.BENCH_RETRIEVAL_ORDERS ?? (QUICK ? 100_000 : 1_000_000));
const MODEL = process.env.EMBEDDING_MODEL ?? "offline";
const CONTACTS = 50;
/** Rounds of each contact's 8 questions: single user 25 × 8 = 200 lookups, 50 contacts 400. */
const SINGLE_ROUNDS = QUICK ? 3 : 25;
const CONCURRENT_ROUNDS = QUICK ? 1 : 2;

interface Sample {
  question: Question;
  totalMs: number;
  dbMs: number;
  kbMs: number;
  /** Wall time during which a query embedding was being computed (single user only). */
  embedMs: number;
  result: string;
  source: string;
  /** Sources that failed or timed out, e.g. `db timeout`. */
  failures: string[];
}

interface Context {
  t: Backend;
  organizationId: Id<"organizations">;
  connector: Connector;
  contacts: BenchContact[];
  embedding: { busyMs: number };
  singleParallel?: Sample[];
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Nearest rank, as @answerbase/bench's own summaries. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN;
}
const p50p95 = (prefix: string, values: number[], digits = 1) => ({
  [`${prefix}p50`]: round(percentile(values, 50), digits),
  [`${prefix}p95`]: round(percentile(values, 95), digits),
});

/** Times the embedding model's work as wall time with at least one call in flight (not queue waits twice). */
function timeEmbeddings() {
  const model = knowledgeIndex().entry.model;
  const inner = model.doEmbed.bind(model);
  const timer = { busyMs: 0 };
  let inFlight = 0;
  let since = 0;
  model.doEmbed = async (options) => {
    if (inFlight++ === 0) since = performance.now();
    try {
      return await inner(options);
    } finally {
      if (--inFlight === 0) timer.busyMs += performance.now() - since;
    }
  };
  return timer;
}

async function ask(c: Context, question: Question, sequential: boolean): Promise<Sample> {
  const embedBefore = c.embedding.busyMs;
  const started = performance.now();
  const answer = await c.t.action(internal.system.answers.lookup, {
    organizationId: c.organizationId,
    question: question.text,
    viewer: question.viewer,
    sequential,
  });
  return {
    question,
    totalMs: performance.now() - started,
    dbMs: answer.database.ms,
    kbMs: answer.knowledgeBase.ms,
    embedMs: c.embedding.busyMs - embedBefore,
    result: JSON.stringify(answer.result),
    source: answer.result.source,
    failures: (
      [
        ["db", answer.database],
        ["kb", answer.knowledgeBase],
      ] as const
    ).flatMap(([name, timing]) =>
      timing.outcome === "ok" || timing.outcome === "empty"
        ? []
        : [`${name} ${timing.code ?? timing.outcome}`],
    ),
  };
}

function summary(samples: Sample[], wallMs: number, target: string) {
  const totals = samples.map((s) => s.totalMs);
  const ratios = samples.map((s) => s.totalMs / Math.max(s.dbMs, s.kbMs));
  const expected = samples.filter((s) => s.source === s.question.expected).length;
  const failures = new Map<string, number>();
  for (const failure of samples.flatMap((s) => s.failures))
    failures.set(failure, (failures.get(failure) ?? 0) + 1);
  return {
    lookups: samples.length,
    ...p50p95("", totals),
    ...p50p95(
      "db ",
      samples.map((s) => s.dbMs),
    ),
    ...p50p95(
      "kb ",
      samples.map((s) => s.kbMs),
    ),
    ...p50p95("ratio ", ratios, 2),
    "lookups/s": round((samples.length / wallMs) * 1000),
    "as expected": `${expected}/${samples.length}`,
    failures: [...failures].map(([failure, n]) => `${failure} ×${n}`).join(", ") || "none",
    load: round(os.loadavg()[0] ?? 0, 2),
    target,
  };
}

function singleUser(sequential: boolean): CustomCase<Context> {
  return {
    kind: "custom",
    name: `single user, ${sequential ? "sequential" : "parallel"}`,
    async measure(c) {
      const questions = Array.from({ length: SINGLE_ROUNDS }, (_, r) =>
        questionsFor(c.contacts[r % c.contacts.length]!, r),
      ).flat();
      const samples: Sample[] = [];
      const started = performance.now();
      for (const question of questions) samples.push(await ask(c, question, sequential));
      const row = summary(samples, performance.now() - started, sequential ? "" : "p95 < 300, ratio ≤ 1.1");
      if (!sequential) {
        c.singleParallel = samples;
        return row;
      }
      // Same questions in the same order: the sequential lookup must return what the parallel one did.
      const same = samples.filter((s, i) => s.result === c.singleParallel?.[i]?.result).length;
      return { ...row, target: `same result ${same}/${samples.length}` };
    },
  };
}

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
      return summary(perContact.flat(), performance.now() - started, sequential ? "" : "ratio ≤ 1.1");
    },
  };
}

/** Where a single user's time goes; plan and SQL re-run outside the action on the same questions. */
const breakdown: CustomCase<Context> = {
  kind: "custom",
  name: "single user: where the time goes",
  async measure(c) {
    const samples = c.singleParallel ?? [];
    const { tables: catalog } = await c.connector.listTables({ timeoutMs: 10_000 });
    const saved = await c.t.query(internal.system.dataSourcePolicies.forOrganization, {
      organizationId: c.organizationId,
    });
    const policies = new Map(saved.map((p) => [`${p.schema}.${p.table}`, p.policy]));
    const plan: number[] = [];
    const sql: number[] = [];
    const dbRest: number[] = [];
    for (const { question, dbMs } of samples) {
      const started = performance.now();
      planLookup(question.text, catalog, policies, question.viewer);
      const planned = performance.now();
      // runLookup plans again (microseconds to a millisecond), then runs the scoped SELECTs.
      await runLookup(c.connector, { question: question.text, catalog, policies, viewer: question.viewer });
      const done = performance.now();
      plan.push(planned - started);
      sql.push(done - planned - (planned - started));
      dbRest.push(dbMs - (done - planned));
    }
    return {
      lookups: samples.length,
      ...p50p95("plan ", plan, 2),
      ...p50p95("sql ", sql),
      ...p50p95("db other ", dbRest),
      ...p50p95(
        "embed ",
        samples.map((s) => s.embedMs),
      ),
      ...p50p95(
        "kb other ",
        samples.map((s) => s.kbMs - s.embedMs),
      ),
    };
  },
};

async function waitForDocument(t: Backend, documentId: Id<"knowledgeDocuments">) {
  for (let i = 0; i < 1200; i++) {
    const document = (await t.run((ctx) => ctx.db.get(documentId)))!;
    if (document.status.kind === "ready") return;
    if (document.status.kind !== "processing")
      throw new Error(`${document.fileName}: ${document.status.kind}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("A knowledge document is still processing after 2 minutes.");
}

async function setup(): Promise<Context> {
  // rag says so on every search of the (empty) global namespace: twice per lookup, nothing to act on.
  console.debug = () => undefined;
  const database = await benchDatabase(SERVER_URL, ORDERS);
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
  const config = { provider: "postgres" as const, connectionString: database.url };
  await owner.as.action(api.private.dataSourceActions.save, { organizationId, config });

  // The policies an admin gets suggested, accepted as they are (private suggestions stay unsaved).
  const tables = await owner.as.action(api.private.dataSourceActions.listTables, { organizationId });
  const suggested = new Map<string, AccessPolicy>();
  for (const table of tables.filter((table) => table.suggestion.policy.kind !== "private")) {
    suggested.set(`${table.schema}.${table.name}`, table.suggestion.policy);
    await owner.as.mutation(api.private.dataSources.setPolicy, {
      organizationId,
      schema: table.schema,
      table: table.name,
      policy: table.suggestion.policy,
    });
  }
  const orders = suggested.get("public.orders");
  if (suggested.get("public.products")?.kind !== "public" || orders?.kind !== "customer")
    throw new Error("Expected the suggestions: products public, orders customer-scoped.");
  if (orders.ownerColumn !== "email" || orders.ownerPath.at(-1)?.references.table !== "customers")
    throw new Error(`Expected orders scoped through customers.email, got ${JSON.stringify(orders)}.`);
  await t.finishInProgressScheduledFunctions();

  const embedding = timeEmbeddings();
  for (const [fileName, text] of Object.entries(DOCUMENTS)) {
    const base64 = Buffer.from(text).toString("base64");
    await waitForDocument(
      t,
      await t.action(internal.system.documents.upload, { organizationId, fileName, base64 }),
    );
  }
  const contacts = await benchContacts(database.url, ORDERS, CONTACTS);
  const c: Context = { t, organizationId, connector: createConnector(config), contacts, embedding };
  // Untimed: loads the offline model, the guard's parser, the catalog cache; the first of each kind.
  for (const question of questionsFor(contacts[0]!, 0)) await ask(c, question, false);
  return c;
}

export default defineSuite<Context>({
  name: "retrieval",
  description: `The agent's lookup (database ∥ knowledge base), ${ORDERS.toLocaleString("en-US")} orders on PostgreSQL, ${MODEL} embedder`,
  setup,
  async teardown(c) {
    await c.connector.close();
  },
  cases: [
    singleUser(false),
    singleUser(true),
    concurrentContacts(false),
    concurrentContacts(true),
    breakdown,
  ],
});
