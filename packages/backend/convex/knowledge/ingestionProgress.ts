import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { withError } from "./jobs";
import type { vJobTable } from "./tables";

/* Job counters and the per-table indexed count, shared by the ingestion steps' mutations. */

export type JobTable = Infer<typeof vJobTable>;
export type Phase = JobTable["phase"];

export interface Counters {
  rowsRead: number;
  rowsEmbedded: number;
  rowsUnchanged: number;
  rowsRemoved: number;
  errors: number;
}

export const NO_COUNTS: Counters = {
  rowsRead: 0,
  rowsEmbedded: 0,
  rowsUnchanged: 0,
  rowsRemoved: 0,
  errors: 0,
};

export function jobTable(job: Doc<"ingestionJobs">, label: string): JobTable | undefined {
  return job.tables.find((t) => `${t.schema}.${t.table}` === label);
}

/** Adds counters and errors to one table of the job and moves its cursor, phase and pass count. */
export async function applyProgress(
  ctx: MutationCtx,
  job: Doc<"ingestionJobs">,
  label: string,
  update: {
    counters: Counters;
    cursor?: string | null;
    phase?: Phase;
    rowsIndexed?: number;
    batchRows?: number;
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
          ...(update.rowsIndexed === undefined ? {} : { rowsIndexed: update.rowsIndexed }),
          ...(update.batchRows === undefined ? {} : { batchRows: update.batchRows }),
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

async function countDocument(ctx: QueryCtx, dataSourceId: Id<"dataSources">, table: string) {
  return await ctx.db
    .query("indexedTables")
    .withIndex("by_dataSourceId_and_table", (q) => q.eq("dataSourceId", dataSourceId).eq("table", table))
    .unique();
}

/** The table's indexed count; null when never counted (rows indexed before counting began). */
export async function indexedCount(ctx: QueryCtx, dataSourceId: Id<"dataSources">, table: string) {
  return (await countDocument(ctx, dataSourceId, table))?.rows ?? null;
}

/**
 * Adds `delta` (rows inserted minus rows removed) to the table's indexed count. An unknown count stays
 * unknown (a sweep sets it): starting one from a delta would undercount the rows already there.
 */
export async function addToIndexedCount(
  ctx: MutationCtx,
  dataSourceId: Id<"dataSources">,
  table: string,
  delta: number,
) {
  if (delta === 0) return;
  const existing = await countDocument(ctx, dataSourceId, table);
  if (existing !== null) await ctx.db.patch(existing._id, { rows: existing.rows + delta });
}

/** Before a table's first batch: a table with nothing indexed starts counting at zero. */
export async function startIndexedCount(ctx: MutationCtx, dataSourceId: Id<"dataSources">, table: string) {
  if ((await countDocument(ctx, dataSourceId, table)) !== null) return;
  const anyRow = await ctx.db
    .query("indexedRows")
    .withIndex("by_dataSourceId_and_table_and_seenBy", (q) =>
      q.eq("dataSourceId", dataSourceId).eq("table", table),
    )
    .first();
  if (anyRow === null) await ctx.db.insert("indexedTables", { dataSourceId, table, rows: 0 });
}

/** After a sweep (or a purge) the exact count is known again. */
export async function setIndexedCount(
  ctx: MutationCtx,
  dataSourceId: Id<"dataSources">,
  table: string,
  rows: number,
) {
  const existing = await countDocument(ctx, dataSourceId, table);
  if (existing === null) await ctx.db.insert("indexedTables", { dataSourceId, table, rows });
  else await ctx.db.patch(existing._id, { rows });
}
