import os from "node:os";
import { createConnector, type Connector, type DataSourceConfig } from "@answerbase/connectors";
import { internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { knowledgeIndex } from "../convex/knowledge/searchIndex.ts";
import { planLookup } from "../convex/lookup/plan.ts";
import { runLookup } from "../convex/lookup/runLookup.ts";
import type { Backend } from "../test/support/backend.ts";
import type { Question } from "./retrieval-questions.ts";

/* One lookup timed as a caller sees it, the table's summaries, and the split of a single user's time. */

export interface Sample {
  question: Question;
  /** Round trip of `system/answers:lookup`, as the caller measures it. */
  totalMs: number;
  dbMs: number;
  kbMs: number;
  /** Wall time with a query embedding in progress (exact for a single user; shared under load). */
  embedMs: number;
  result: string;
  source: string;
  /** Sources that failed or timed out, e.g. `db timeout`. */
  failures: string[];
}

export interface Lookups {
  t: Backend;
  organizationId: Id<"organizations">;
  embedding: { busyMs: number };
}

/**
 * Wraps the index's embedding model so that the wall time with at least one embedding in progress is
 * counted (the offline model runs one inference at a time: waiting in its queue is not counted twice).
 */
export function timeEmbeddings(): { busyMs: number } {
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

export async function ask(c: Lookups, question: Question, sequential: boolean): Promise<Sample> {
  const embedBefore = c.embedding.busyMs;
  const started = performance.now();
  const answer = await c.t.action(internal.system.answers.lookup, {
    organizationId: c.organizationId,
    question: question.text,
    viewer: question.viewer,
    sequential,
  });
  const sources = [
    ["db", answer.database],
    ["kb", answer.knowledgeBase],
  ] as const;
  return {
    question,
    totalMs: performance.now() - started,
    dbMs: answer.database.ms,
    kbMs: answer.knowledgeBase.ms,
    embedMs: c.embedding.busyMs - embedBefore,
    result: JSON.stringify(answer.result),
    source: answer.result.source,
    failures: sources.flatMap(([name, timing]) =>
      timing.outcome === "ok" || timing.outcome === "empty"
        ? []
        : [`${name} ${timing.code ?? timing.outcome}`],
    ),
  };
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

/** A table row: latency, per source, the parallel ratio, throughput, and whether answers were right. */
export function summary(samples: Sample[], wallMs: number) {
  const failures = new Map<string, number>();
  for (const failure of samples.flatMap((s) => s.failures))
    failures.set(failure, (failures.get(failure) ?? 0) + 1);
  const expected = samples.filter((s) => s.source === s.question.expected).length;
  return {
    lookups: samples.length,
    ...p50p95(
      "",
      samples.map((s) => s.totalMs),
    ),
    ...p50p95(
      "db ",
      samples.map((s) => s.dbMs),
    ),
    ...p50p95(
      "kb ",
      samples.map((s) => s.kbMs),
    ),
    ...p50p95(
      "ratio ",
      samples.map((s) => s.totalMs / Math.max(s.dbMs, s.kbMs)),
      2,
    ),
    "lookups/s": round((samples.length / wallMs) * 1000),
    "as expected": `${expected}/${samples.length}`,
    failures: [...failures].map(([failure, n]) => `${failure} ×${n}`).join(", ") || "none",
    load: round(os.loadavg()[0] ?? 0, 2),
  };
}

/**
 * Where a single user's time went. Embedding is measured inside the lookups; planning and SQL are run
 * again here, outside the action, on the same questions: through one open connector (`sql`), and
 * through a new connector per question as the action does (`connect` is the difference). `db other`
 * is what remains of the database side: the engine's queries, the audit write, closing the pool.
 */
export async function breakdown(c: Lookups, config: DataSourceConfig, samples: Sample[]) {
  const open: Connector = createConnector(config, { network: "private_networks" }); // the bench database is on this machine
  try {
    const { tables: catalog } = await open.listTables({ timeoutMs: 10_000 });
    const saved = await c.t.query(internal.system.dataSourcePolicies.forOrganization, {
      organizationId: c.organizationId,
    });
    const policies = new Map(saved.map((p) => [`${p.schema}.${p.table}`, p.policy]));
    const plan: number[] = [];
    const sql: number[] = [];
    const connect: number[] = [];
    const dbOther: number[] = [];
    for (const { question, dbMs } of samples) {
      const input = { question: question.text, catalog, policies, viewer: question.viewer };
      let started = performance.now();
      planLookup(question.text, catalog, policies, question.viewer);
      const planMs = performance.now() - started;
      started = performance.now();
      await runLookup(open, input); // plans again, then the scoped SELECTs
      const warmMs = performance.now() - started;
      started = performance.now();
      const fresh = createConnector(config, { network: "private_networks" }); // the bench database is on this machine
      await runLookup(fresh, input).finally(() => fresh.close());
      const freshMs = performance.now() - started;
      plan.push(planMs);
      sql.push(warmMs - planMs);
      connect.push(freshMs - warmMs);
      dbOther.push(dbMs - freshMs);
    }
    return {
      lookups: samples.length,
      ...p50p95("plan ", plan, 2),
      ...p50p95("sql ", sql),
      ...p50p95("connect ", connect),
      ...p50p95("db other ", dbOther),
      ...p50p95(
        "embed ",
        samples.map((s) => s.embedMs),
      ),
      ...p50p95(
        "kb other ",
        samples.map((s) => s.kbMs - s.embedMs),
      ),
    };
  } finally {
    await open.close();
  }
}
