import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import {
  addToIndexedCount,
  applyProgress,
  jobTable,
  NO_COUNTS,
  setIndexedCount,
} from "../knowledge/ingestionProgress";
import { putRowEntry, removeRowEntry } from "../knowledge/ragRows";

/*
 * What an ingestion step writes: new and changed rows (rag entry and indexed row in one transaction,
 * so the index never holds an entry we do not know about), and removals at the end of a table.
 */

/**
 * Writes a group of new or changed rows. A sweep also marks them as seen. Ignored (false) when a newer
 * step took over meanwhile.
 */
export const writeRows = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    namespaceId: v.string(),
    table: v.string(),
    rows: v.array(
      v.object({
        id: v.union(v.id("indexedRows"), v.null()),
        key: v.string(),
        title: v.string(),
        text: v.string(),
        scope: v.string(),
        hash: v.string(),
        embedding: v.array(v.number()),
      }),
    ),
  },
  returns: v.boolean(),
  handler: async (ctx, { jobId, step, namespaceId, table, rows }) => {
    const job = await ctx.db.get(jobId);
    const current = job === null ? undefined : jobTable(job, table);
    if (job === null || current === undefined || job.step !== step + 1) return false;
    const marker = current.phase === "sweep" ? { seenBy: job._id } : {};
    let inserted = 0;
    for (const { id, ...row } of rows) {
      const entryId = await putRowEntry(ctx, namespaceId, table, row);
      const fields = { hash: row.hash, scope: row.scope, entryId, ...marker };
      if (id !== null && (await ctx.db.get(id)) !== null) {
        await ctx.db.patch(id, fields);
        continue;
      }
      await ctx.db.insert("indexedRows", {
        organizationId: job.organizationId,
        dataSourceId: job.dataSourceId,
        table,
        key: row.key,
        ...fields,
      });
      inserted++;
    }
    await addToIndexedCount(ctx, job.dataSourceId, table, inserted);
    return true;
  },
});

/**
 * Rows of a table to remove: after a sweep, those it did not mark (deleted upstream, or no longer
 * shared); in a purge, all of them.
 */
export const rowsToRemove = internalQuery({
  args: { jobId: v.id("ingestionJobs"), table: v.string(), limit: v.number() },
  returns: v.array(v.object({ id: v.id("indexedRows"), entryId: v.string() })),
  handler: async (ctx, { jobId, table, limit }) => {
    const job = await ctx.db.get(jobId);
    const current = job === null ? undefined : jobTable(job, table);
    if (job === null || current === undefined) return [];
    const ofTable = () =>
      ctx.db
        .query("indexedRows")
        .withIndex("by_dataSourceId_and_table_and_seenBy", (q) =>
          q.eq("dataSourceId", job.dataSourceId).eq("table", table),
        );
    let rows;
    if (current.phase === "purge") rows = await ofTable().take(limit);
    else {
      // Unset (never marked) sorts first, so `lt` covers it.
      const range = (direction: "lt" | "gt") =>
        ctx.db
          .query("indexedRows")
          .withIndex("by_dataSourceId_and_table_and_seenBy", (q) =>
            direction === "lt"
              ? q.eq("dataSourceId", job.dataSourceId).eq("table", table).lt("seenBy", jobId)
              : q.eq("dataSourceId", job.dataSourceId).eq("table", table).gt("seenBy", jobId),
          )
          .take(limit);
      rows = [...(await range("lt")), ...(await range("gt"))].slice(0, limit);
    }
    return rows.map((row) => ({ id: row._id, entryId: row.entryId }));
  },
});

/**
 * Removes rows and their rag entries. The last group ends the table; after a sweep or a purge the
 * table's indexed count is exact again.
 */
export const recordRemovals = internalMutation({
  args: {
    jobId: v.id("ingestionJobs"),
    step: v.number(),
    table: v.string(),
    removed: v.array(v.object({ id: v.id("indexedRows"), entryId: v.string() })),
    finished: v.boolean(),
  },
  returns: v.boolean(),
  handler: async (ctx, args) => {
    const job = await ctx.db.get(args.jobId);
    const current = job === null ? undefined : jobTable(job, args.table);
    if (job === null || current === undefined || job.step !== args.step + 1) return false;
    let removed = 0;
    for (const row of args.removed) {
      if ((await ctx.db.get(row.id)) === null) continue;
      await removeRowEntry(ctx, row.entryId);
      await ctx.db.delete(row.id);
      removed++;
    }
    if (args.finished)
      // What remains after a sweep is what it indexed (less anything purged meanwhile, never more).
      await setIndexedCount(
        ctx,
        job.dataSourceId,
        args.table,
        current.phase === "purge" ? 0 : (current.rowsIndexed ?? 0),
      );
    else await addToIndexedCount(ctx, job.dataSourceId, args.table, -removed);
    await applyProgress(ctx, job, args.table, {
      counters: { ...NO_COUNTS, rowsRemoved: removed },
      ...(args.finished ? { phase: "done" as const } : {}),
      errors: [],
    });
    return true;
  },
});

/**
 * Marks a sweep's unchanged rows as seen by the job, one chunk per call: each patch reads its
 * document (an index range on a deployment, 4,096 per mutation), and a sweep's batch may hold 10,000
 * unchanged rows. Ignored (false) when a newer step took over meanwhile.
 */
export const markSeen = internalMutation({
  args: { jobId: v.id("ingestionJobs"), step: v.number(), ids: v.array(v.id("indexedRows")) },
  returns: v.boolean(),
  handler: async (ctx, { jobId, step, ids }) => {
    const job = await ctx.db.get(jobId);
    if (job === null || job.step !== step + 1) return false;
    for (const id of ids) {
      if ((await ctx.db.get(id)) !== null) await ctx.db.patch(id, { seenBy: jobId });
    }
    return true;
  },
});
