import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { vFailure, type vAccessPolicy } from "../dataSources/tables";
import { withError } from "../knowledge/jobs";
import { vJobError } from "../knowledge/tables";

/* The scheduled ingestion steps' reads and writes. Internal only; no secrets pass through here. */

const vTableLabel = v.string(); // "schema.table"

/**
 * Claims step `step` of a running job: a duplicate, stale (superseded) or paused/cancelled step gets
 * null and stops. Returns the table to work on with its current policy (a policy may change mid-job).
 */
export const claimStep = internalMutation({
  args: { jobId: v.id("ingestionJobs"), step: v.number() },
  handler: async (ctx, { jobId, step }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.status.kind !== "running" || job.step !== step) return null;
    await ctx.db.patch(jobId, { step: step + 1, heartbeatAt: Date.now() });
    const index = job.tables.findIndex((t) => t.phase !== "done");
    const table = job.tables[index];
    if (table === undefined) return { job, table: null, policy: null };
    const saved = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) =>
        q.eq("dataSourceId", job.dataSourceId).eq("schema", table.schema).eq("table", table.table),
      )
      .unique();
    return { job, table, policy: saved?.policy ?? { kind: "private" as const } };
  },
});

export const setModel = internalMutation({
  args: { jobId: v.id("ingestionJobs"), modelId: v.string() },
  handler: async (ctx, { jobId, modelId }) => {
    await ctx.db.patch(jobId, { modelId });
  },
});

/** Hashes and rag entries of the given row keys, to compare before embedding. */
export const indexedByKeys = internalQuery({
  args: { dataSourceId: v.id("dataSources"), keys: v.array(v.string()) },
  returns: v.array(v.object({ key: v.string(), hash: v.string(), entryId: v.string() })),
  handler: async (ctx, { dataSourceId, keys }) => {
    const found = [];
    for (const key of keys) {
      const row = await ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_key", (q) => q.eq("dataSourceId", dataSourceId).eq("key", key))
        .unique();
      if (row !== null) found.push({ key, hash: row.hash, entryId: row.entryId });
    }
    return found;
  },
});

const vCounters = v.object({
  rowsRead: v.number(),
  rowsEmbedded: v.number(),
  rowsUnchanged: v.number(),
  rowsRemoved: v.number(),
  errors: v.number(),
});

async function applyProgress(
  ctx: MutationCtx,
  job: Doc<"ingestionJobs">,
  label: string,
  update: {
    counters: {
      rowsRead: number;
      rowsEmbedded: number;
      rowsUnchanged: number;
      rowsRemoved: number;
      errors: number;
    };
    cursor?: string | null;
    phase?: "rows" | "deletions" | "done";
    errors: { key: string | null; code: string; message: string }[];
    timings?: { readMs: number; embedMs: number; writeMs: number };
  },
) {
  const tables = job.tables.map((t) =>
    `${t.schema}.${t.table}` !== label
      ? t
      : {
          ...t,
          ...(update.cursor === undefined ? {} : { cursor: update.cursor }),
          ...(update.phase === undefined ? {} : { phase: update.phase }),
          rowsRead: t.rowsRead + update.counters.rowsRead,
          rowsEmbedded: t.rowsEmbedded + update.counters.rowsEmbedded,
          rowsUnchanged: t.rowsUnchanged + update.counters.rowsUnchanged,
          rowsRemoved: t.rowsRemoved + update.counters.rowsRemoved,
          errors: t.errors + update.counters.errors,
        },
  );
  let recentErrors = job.recentErrors;
  for (const error of update.errors)
    recentErrors = withError({ ...job, recentErrors }, { table: label, ...error, at: Date.now() });
  const timings = update.timings
    ? {
        readMs: job.timings.readMs + update.timings.readMs,
        embedMs: job.timings.embedMs + update.timings.embedMs,
        writeMs: job.timings.writeMs + update.timings.writeMs,
      }
    : job.timings;
  await ctx.db.patch(job._id, { tables, recentErrors, timings, heartbeatAt: Date.now() });
}

/**
 * Commits one batch: upserted rows, rows seen unchanged, the table's new cursor and counters. Ignored
 * when a newer step took over meanwhile (its batch wins).
 */
export const recordBatch = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    table: vTableLabel,
    cursor: v.union(v.string(), v.null()),
    done: v.boolean(),
    upserts: v.array(v.object({ key: v.string(), hash: v.string(), scope: v.string(), entryId: v.string() })),
    seen: v.array(v.string()),
    counters: vCounters,
    errors: v.array(v.object({ key: v.union(v.string(), v.null()), code: v.string(), message: v.string() })),
    timings: v.object({ readMs: v.number(), embedMs: v.number(), writeMs: v.number() }),
  },
  handler: async (ctx, args) => {
    const job = await ctx.db.get(args.jobId);
    if (job === null || job.step !== args.step + 1) return false;
    for (const row of args.upserts) {
      const existing = await ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_key", (q) =>
          q.eq("dataSourceId", job.dataSourceId).eq("key", row.key),
        )
        .unique();
      const fields = { ...row, seenBy: job._id };
      if (existing === null) {
        await ctx.db.insert("indexedRows", {
          organizationId: job.organizationId,
          dataSourceId: job.dataSourceId,
          table: args.table,
          ...fields,
        });
      } else {
        await ctx.db.patch(existing._id, fields);
      }
    }
    for (const key of args.seen) {
      const existing = await ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_key", (q) => q.eq("dataSourceId", job.dataSourceId).eq("key", key))
        .unique();
      if (existing !== null) await ctx.db.patch(existing._id, { seenBy: job._id });
    }
    await ctx.db.patch(job._id, { consecutiveFailures: 0 });
    await applyProgress(ctx, job, args.table, {
      counters: args.counters,
      cursor: args.cursor,
      phase: args.done ? "deletions" : "rows",
      errors: args.errors,
      timings: args.timings,
    });
    return true;
  },
});

/** Indexed rows of a table that this job has not seen: deleted upstream (or no longer shared). */
export const unseenRows = internalQuery({
  args: { jobId: v.id("ingestionJobs"), table: vTableLabel, limit: v.number() },
  returns: v.array(v.object({ id: v.id("indexedRows"), entryId: v.string() })),
  handler: async (ctx, { jobId, table, limit }) => {
    const job = await ctx.db.get(jobId);
    if (job === null) return [];
    const range = (direction: "lt" | "gt") =>
      ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_table_and_seenBy", (q) =>
          direction === "lt"
            ? q.eq("dataSourceId", job.dataSourceId).eq("table", table).lt("seenBy", jobId)
            : q.eq("dataSourceId", job.dataSourceId).eq("table", table).gt("seenBy", jobId),
        )
        .take(limit);
    const rows = [...(await range("lt")), ...(await range("gt"))].slice(0, limit);
    return rows.map((row) => ({ id: row._id, entryId: row.entryId }));
  },
});

export const recordRemovals = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    table: vTableLabel,
    removed: v.array(v.id("indexedRows")),
    finished: v.boolean(),
  },
  handler: async (ctx, args) => {
    const job = await ctx.db.get(args.jobId);
    if (job === null || job.step !== args.step + 1) return false;
    for (const id of args.removed) if ((await ctx.db.get(id)) !== null) await ctx.db.delete(id);
    await applyProgress(ctx, job, args.table, {
      counters: {
        rowsRead: 0,
        rowsEmbedded: 0,
        rowsUnchanged: 0,
        rowsRemoved: args.removed.length,
        errors: 0,
      },
      ...(args.finished ? { phase: "done" as const } : {}),
      errors: [],
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
  handler: async (ctx, { jobId, step, table, error, purge }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.step !== step + 1) return false;
    await applyProgress(ctx, job, table, {
      counters: {
        rowsRead: 0,
        rowsEmbedded: 0,
        rowsUnchanged: 0,
        rowsRemoved: 0,
        errors: error === null ? 0 : 1,
      },
      // Purging goes through the deletion phase: nothing seen by this job, so every row goes.
      phase: purge ? "deletions" : "done",
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
  handler: async (ctx, { jobId, status }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.status.kind !== "running") return;
    await ctx.db.patch(jobId, { status, finishedAt: Date.now() });
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
};
export type JobId = Id<"ingestionJobs">;
