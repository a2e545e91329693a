import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { vFailure, type vAccessPolicy } from "../dataSources/tables";
import { withError } from "../knowledge/jobs";
import { vJobError } from "../knowledge/tables";
import { emitIngestionFinished } from "../webhooks/payloads";
import {
  addToIndexedCount,
  applyProgress,
  indexedCount,
  jobTable,
  NO_COUNTS,
  type Phase,
  startIndexedCount,
} from "../knowledge/ingestionProgress";
import { removeRowEntry } from "../knowledge/ragRows";

/*
 * The scheduled ingestion steps' reads and bookkeeping (row writes and removals: ingestionWrites.ts).
 * Internal only; no secrets pass through here.
 */

const vTableLabel = v.string(); // "schema.table"

/**
 * Claims step `step` of a running job: a duplicate, stale (superseded) or paused/cancelled step gets
 * null and stops. Returns the table to work on with its current policy (a policy may change mid-job)
 * and the policies of every shared table (related rows are read only from those).
 */
export const claimStep = internalMutation({
  args: { jobId: v.id("ingestionJobs"), step: v.number() },
  handler: async (ctx, { jobId, step }): Promise<ClaimedStep | null> => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.status.kind !== "running" || job.step !== step) return null;
    await ctx.db.patch(jobId, { step: step + 1, heartbeatAt: Date.now() });
    const table = job.tables.find((t) => t.phase !== "done");
    if (table === undefined) return { job, table: null, policy: null, shared: [] };
    if (table.phase === "rows" && table.cursor === null)
      await startIndexedCount(ctx, job.dataSourceId, `${table.schema}.${table.table}`);
    const policies = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", job.dataSourceId))
      .collect();
    const own = policies.find((p) => p.schema === table.schema && p.table === table.table);
    return {
      job,
      table,
      policy: own?.policy ?? { kind: "private" as const },
      shared: policies
        .filter((p) => p.policy.kind !== "private")
        .map((p) => ({ table: `${p.schema}.${p.table}`, policy: p.policy })),
    };
  },
});

export const setModel = internalMutation({
  args: { jobId: v.id("ingestionJobs"), modelId: v.string() },
  returns: v.null(),
  handler: async (ctx, { jobId, modelId }) => {
    await ctx.db.patch(jobId, { modelId });
    return null;
  },
});

/**
 * Compares a batch's hashes with the index. Returns only what needs a write: new or changed rows (with
 * their indexed row, if any), indexed rows whose key lost its owner, and in a sweep the unchanged rows
 * not yet marked by this job. An unchanged batch outside a sweep returns nothing.
 */
export const compareRows = internalQuery({
  args: {
    jobId: v.id("ingestionJobs"),
    dataSourceId: v.id("dataSources"),
    rows: v.array(v.object({ key: v.string(), hash: v.string() })),
    ownerless: v.array(v.string()),
    sweep: v.boolean(),
  },
  returns: v.object({
    changed: v.array(v.object({ key: v.string(), id: v.union(v.id("indexedRows"), v.null()) })),
    unmarked: v.array(v.id("indexedRows")),
    ownerless: v.array(v.object({ id: v.id("indexedRows"), entryId: v.string() })),
  }),
  handler: async (ctx, { jobId, dataSourceId, rows, ownerless, sweep }) => {
    // `first`, not `unique`: one key has one row (writes upsert by key), and a lookup per row is the
    // whole cost of an unchanged batch, so it should read one document, not two.
    const find = (key: string) =>
      ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_key", (q) => q.eq("dataSourceId", dataSourceId).eq("key", key))
        .first();
    const changed = [];
    const unmarked = [];
    for (const { key, hash } of rows) {
      const row = await find(key);
      if (row === null || row.hash !== hash) changed.push({ key, id: row?._id ?? null });
      else if (sweep && row.seenBy !== jobId) unmarked.push(row._id);
    }
    const orphans = [];
    for (const key of ownerless) {
      const row = await find(key);
      if (row !== null) orphans.push({ id: row._id, entryId: row.entryId });
    }
    return { changed, unmarked, ownerless: orphans };
  },
});

const vCounters = v.object({
  rowsRead: v.number(),
  rowsEmbedded: v.number(),
  rowsUnchanged: v.number(),
  rowsRemoved: v.number(),
  errors: v.number(),
});

/**
 * Commits one batch once its rows are written (and a sweep's unchanged rows marked, `markSeen`):
 * removes rows that lost their owner, moves the table's cursor and counters. At the end of a `rows` pass, having indexed
 * exactly the table's indexed count means every indexed row was seen (nothing was deleted upstream);
 * any difference starts a sweep. Ignored when a newer step took over meanwhile (its batch wins).
 */
export const recordBatch = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    table: vTableLabel,
    cursor: v.union(v.string(), v.null()),
    done: v.boolean(),
    /** Rows of this batch that are in the index once it is committed. */
    rowsIndexed: v.number(),
    batchRows: v.number(),
    ownerless: v.array(v.object({ id: v.id("indexedRows"), entryId: v.string() })),
    counters: vCounters,
    errors: v.array(v.object({ key: v.union(v.string(), v.null()), code: v.string(), message: v.string() })),
    timings: v.object({ readMs: v.number(), embedMs: v.number(), writeMs: v.number() }),
  },
  returns: v.boolean(),
  handler: async (ctx, args) => {
    const job = await ctx.db.get(args.jobId);
    const table = job === null ? undefined : jobTable(job, args.table);
    if (job === null || table === undefined || job.step !== args.step + 1) return false;
    let removed = 0;
    for (const row of args.ownerless) {
      if ((await ctx.db.get(row.id)) === null) continue;
      await removeRowEntry(ctx, row.entryId);
      await ctx.db.delete(row.id);
      removed++;
    }
    await addToIndexedCount(ctx, job.dataSourceId, args.table, -removed);
    const rowsIndexed = (table.rowsIndexed ?? 0) + args.rowsIndexed;
    let next: { phase: Phase; cursor: string | null; rowsIndexed: number };
    if (!args.done) next = { phase: table.phase, cursor: args.cursor, rowsIndexed };
    else if (table.phase === "sweep") next = { phase: "deletions", cursor: args.cursor, rowsIndexed };
    else if ((await indexedCount(ctx, job.dataSourceId, args.table)) === rowsIndexed)
      next = { phase: "done", cursor: args.cursor, rowsIndexed };
    else next = { phase: "sweep", cursor: null, rowsIndexed: 0 }; // rows went missing: find which
    const progress = { ...next, batchRows: args.batchRows };
    const current = { ...job, consecutiveFailures: 0 };
    await ctx.db.patch(job._id, { consecutiveFailures: 0 });
    await applyProgress(ctx, current, args.table, {
      counters: { ...args.counters, rowsRemoved: args.counters.rowsRemoved + removed },
      ...progress,
      errors: args.errors,
      timings: args.timings,
    });
    return true;
  },
});

/** A table that cannot be ingested (dropped, made private, unreadable row): noted, then skipped. */
export const skipTable = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    table: vTableLabel,
    error: v.union(vJobError, v.null()),
    purge: v.boolean(),
  },
  returns: v.boolean(),
  handler: async (ctx, { jobId, step, table, error, purge }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.step !== step + 1) return false;
    await applyProgress(ctx, job, table, {
      counters: { ...NO_COUNTS, errors: error === null ? 0 : 1 },
      phase: purge ? "purge" : "done",
      errors: error === null ? [] : [{ key: error.key, code: error.code, message: error.message }],
    });
    return true;
  },
});

/** A retryable failure: noted; the caller schedules the same work again after a back-off. */
export const recordRetry = internalMutation({
  args: { jobId: v.id("ingestionJobs"), step: v.number(), error: vJobError },
  returns: v.number(),
  handler: async (ctx, { jobId, step, error }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.step !== step + 1) return -1;
    const consecutiveFailures = job.consecutiveFailures + 1;
    await ctx.db.patch(jobId, {
      consecutiveFailures,
      recentErrors: withError(job, error),
      heartbeatAt: Date.now(),
    });
    return consecutiveFailures;
  },
});

export const finish = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    status: v.union(
      v.object({ kind: v.literal("done") }),
      v.object({ kind: v.literal("failed"), error: vFailure }),
    ),
  },
  returns: v.null(),
  handler: async (ctx, { jobId, status }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.status.kind !== "running") return null;
    await ctx.db.patch(jobId, { status, finishedAt: Date.now() });
    await emitIngestionFinished(ctx, job, status);
    return null;
  },
});

/** Running jobs whose last step went silent (a crash or a deploy): their next step is scheduled again. */
export const stalledJobs = internalQuery({
  args: { olderThan: v.number() },
  returns: v.array(v.object({ jobId: v.id("ingestionJobs"), step: v.number() })),
  handler: async (ctx, { olderThan }) => {
    const jobs = await ctx.db
      .query("ingestionJobs")
      .withIndex("by_status_kind_and_heartbeatAt", (q) =>
        q.eq("status.kind", "running").lt("heartbeatAt", olderThan),
      )
      .take(100);
    return jobs.map((job) => ({ jobId: job._id, step: job.step }));
  },
});

export type ClaimedStep = {
  job: Doc<"ingestionJobs">;
  table: Doc<"ingestionJobs">["tables"][number] | null;
  policy: Infer<typeof vAccessPolicy> | null;
  /** Tables shared as public or customer, with their policies (for related rows). */
  shared: { table: string; policy: Infer<typeof vAccessPolicy> }[];
};
export type JobId = Id<"ingestionJobs">;
