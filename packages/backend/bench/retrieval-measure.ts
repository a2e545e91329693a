import os from "node:os";
import type { Connector } from "@answerbase/connectors";
import { internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { sharedConnectorState } from "../convex/dataSources/sharedConnectors.ts";
import { knowledgeIndex } from "../convex/knowledge/searchIndex.ts";
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
  /** Wall time with a statement of the organization's shared connector in flight (same caveat). */
  sqlMs: number;
  /** Wall time in the shared connector's `listTables` (the catalog, cached for a minute). */
  catalogMs: number;
  /** Connectors the lookup had to create (0 when it reused the organization's open one). */
  connectorsOpened: number;
  result: string;
  source: string;
  /** Sources that failed or timed out, e.g. `db timeout`. */
  failures: string[];
}

/** Wall time with at least one call in progress: concurrent calls are not counted twice. */
export interface BusyTimer {
  busyMs: number;
}

export interface Lookups {
  t: Backend;
  organizationId: Id<"organizations">;
  timers: { embedding: BusyTimer; sql: BusyTimer; catalog: BusyTimer };
}

export function busyTimer(): BusyTimer {
  return { busyMs: 0 };
}

/** Replaces `target[method]` by a wrapper that adds the time it runs to `timer`. */
function timeCalls<T extends object, K extends keyof T>(target: T, method: K, timer: BusyTimer) {
  const inner = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  let inFlight = 0;
  let since = 0;
  target[method] = (async (...args: unknown[]) => {
    if (inFlight++ === 0) since = performance.now();
    try {
      return await inner(...args);
    } finally {
      if (--inFlight === 0) timer.busyMs += performance.now() - since;
    }
  }) as T[K];
}

/** Times the knowledge index's embedding model (every query embedding of every lookup). */
export function timeEmbeddings(timer: BusyTimer): void {
  timeCalls(knowledgeIndex().entry.model, "doEmbed", timer);
}

/**
 * Times the statements and catalog reads of the organization's shared connector, the one every lookup
 * of the action uses (sharedConnectors.ts, the same module instance: convex-test imports the backend's
 * files as plain modules). Call after a first lookup opened it.
 */
export function timeSharedConnector(c: Lookups): Connector {
  const connector = sharedConnectorState(c.organizationId).current;
  if (connector === undefined) throw new Error("No shared connector yet: run a lookup first.");
  timeCalls(connector, "query", c.timers.sql);
  timeCalls(connector, "listTables", c.timers.catalog);
  return connector;
}

export async function ask(c: Lookups, question: Question, sequential: boolean): Promise<Sample> {
  const { embedding, sql, catalog } = c.timers;
  const before = { embed: embedding.busyMs, sql: sql.busyMs, catalog: catalog.busyMs };
  const openedBefore = sharedConnectorState(c.organizationId).opened;
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
    embedMs: embedding.busyMs - before.embed,
    sqlMs: sql.busyMs - before.sql,
    catalogMs: catalog.busyMs - before.catalog,
    connectorsOpened: sharedConnectorState(c.organizationId).opened - openedBefore,
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
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN;
}

const p50p95 = (prefix: string, values: number[], digits = 1) => ({
  [`${prefix}p50`]: round(percentile(values, 50), digits),
  [`${prefix}p95`]: round(percentile(values, 95), digits),
});

/** A table row: latency, per source, throughput, and whether answers were right. */
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
    "lookups/s": round((samples.length / wallMs) * 1000),
    "as expected": `${expected}/${samples.length}`,
    failures: [...failures].map(([failure, n]) => `${failure} ×${n}`).join(", ") || "none",
    load: round(os.loadavg()[0] ?? 0, 2),
  };
}

/**
 * Parallel lookups against the physical limit: the same question's database and knowledge base each
 * run alone (the sequential lookup asked right before or after it), so `alone` = max(database alone,
 * knowledge base alone) and the ratio is what running both at once cost over that limit.
 */
export function againstAlone(parallel: Sample[], sequential: Sample[]) {
  const alone = sequential.map((s) => Math.max(s.dbMs, s.kbMs));
  const p95 = percentile(
    parallel.map((s) => s.totalMs),
    95,
  );
  return {
    ...p50p95("alone ", alone),
    ...p50p95(
      "ratio ",
      parallel.map((s, i) => s.totalMs / alone[i]!),
      2,
    ),
    "p95 / alone p95": round(p95 / percentile(alone, 95), 2),
  };
}

/**
 * Where a single user's database time went, measured inside the parallel lookups: the catalog and the
 * statements through the shared connector, and whether the lookup had to open a connector. The two
 * Convex calls of the database side (the turn's lookup context, one query; the audit entry, one
 * mutation) happen inside the action where nothing can wrap them, so they are timed by running the
 * same calls once per sample right after. `db other` is what remains: the planner, building the
 * statements, reading the results, and waiting for the event loop.
 */
export async function breakdown(c: Lookups, samples: Sample[]) {
  const context: number[] = [];
  const audit: number[] = [];
  for (const { dbMs } of samples) {
    let started = performance.now();
    await c.t.query(internal.system.lookupContext.load, { organizationId: c.organizationId });
    context.push(performance.now() - started);
    started = performance.now();
    await c.t.mutation(internal.system.audit.record, {
      organizationId: c.organizationId,
      actor: { kind: "system", name: "cli" },
      operation: "lookup",
      rowCount: 1,
      durationMs: Math.round(dbMs),
      outcome: { kind: "ok" },
    });
    audit.push(performance.now() - started);
  }
  return {
    lookups: samples.length,
    "connectors opened": samples.reduce((sum, s) => sum + s.connectorsOpened, 0),
    ...p50p95(
      "db ",
      samples.map((s) => s.dbMs),
    ),
    ...p50p95("context ", context),
    ...p50p95(
      "catalog ",
      samples.map((s) => s.catalogMs),
    ),
    ...p50p95(
      "sql ",
      samples.map((s) => s.sqlMs),
    ),
    ...p50p95("audit ", audit),
    ...p50p95(
      "db other ",
      samples.map((s, i) => s.dbMs - context[i]! - s.catalogMs - s.sqlMs - audit[i]!),
    ),
    ...p50p95(
      "embed ",
      samples.map((s) => s.embedMs),
    ),
    ...p50p95(
      "kb other ",
      samples.map((s) => s.kbMs - s.embedMs),
    ),
    load: round(os.loadavg()[0] ?? 0, 2),
  };
}
