import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "../_generated/server";
import { consoleExportFields, vExportStatus } from "../sqlConsole/tables";

/*
 * A CSV export's hand-off between its producer (system/sqlExportProducer, Node: the drivers) and its
 * HTTP stream (sqlConsole/exportRoute): the producer appends chunks, the stream takes and deletes
 * them in order. At most a few chunks wait at a time (the producer holds back), so neither side nor
 * the database holds the whole file.
 */

/** The browser has this long to start the download after asking for it. */
export const TICKET_TTL_MS = 60_000;

async function deleteChunks(ctx: MutationCtx, exportId: Id<"sqlConsoleExports">) {
  const chunks = await ctx.db
    .query("sqlConsoleExportChunks")
    .withIndex("by_exportId_and_seq", (q) => q.eq("exportId", exportId))
    .collect();
  for (const chunk of chunks) await ctx.db.delete(chunk._id);
}

/** The download's POST: a ready, unexpired ticket starts the producer; anything else is refused. */
export const claim = internalMutation({
  args: { ticket: v.string() },
  returns: v.union(v.null(), v.object({ exportId: v.id("sqlConsoleExports"), filename: v.string() })),
  handler: async (ctx, { ticket }) => {
    const job = await ctx.db
      .query("sqlConsoleExports")
      .withIndex("by_ticket", (q) => q.eq("ticket", ticket))
      .unique();
    if (job === null || job.status.kind !== "ready" || job.status.expiresAt < Date.now()) return null;
    await ctx.db.patch(job._id, { status: { kind: "running", rowCount: 0 } });
    await ctx.scheduler.runAfter(0, internal.system.sqlExportProducer.produce, { exportId: job._id });
    return { exportId: job._id, filename: job.filename };
  },
});

export const load = internalQuery({
  args: { exportId: v.id("sqlConsoleExports") },
  returns: v.union(v.null(), v.object({ ...consoleExportFields })),
  handler: async (ctx, { exportId }) => {
    const job = await ctx.db.get(exportId);
    if (job === null) return null;
    const { _id, _creationTime, ...fields } = job;
    return fields;
  },
});

const vFlow = v.object({ stop: v.boolean(), pending: v.number() });

async function flowOf(ctx: QueryCtx, exportId: Id<"sqlConsoleExports">) {
  const job = await ctx.db.get(exportId);
  if (job === null || job.status.kind !== "running") return { stop: true, pending: 0 };
  const waiting = await ctx.db
    .query("sqlConsoleExportChunks")
    .withIndex("by_exportId_and_seq", (q) => q.eq("exportId", exportId))
    .take(64);
  return { stop: false, pending: waiting.length };
}

/** The producer's next chunk; `stop` once the download was cancelled. */
export const append = internalMutation({
  args: { exportId: v.id("sqlConsoleExports"), seq: v.number(), text: v.string(), rowCount: v.number() },
  returns: vFlow,
  handler: async (ctx, { exportId, seq, text, rowCount }) => {
    const job = await ctx.db.get(exportId);
    if (job === null || job.status.kind !== "running") return { stop: true, pending: 0 };
    await ctx.db.insert("sqlConsoleExportChunks", { exportId, seq, text });
    await ctx.db.patch(exportId, { status: { kind: "running", rowCount } });
    return await flowOf(ctx, exportId);
  },
});

/** How many chunks wait for the stream (the producer polls this while it holds back). */
export const flow = internalQuery({
  args: { exportId: v.id("sqlConsoleExports") },
  returns: vFlow,
  handler: (ctx, { exportId }) => flowOf(ctx, exportId),
});

/** The producer's end: done with its count, or failed with the coded error (never values). */
export const finish = internalMutation({
  args: { exportId: v.id("sqlConsoleExports"), status: vExportStatus },
  returns: v.null(),
  handler: async (ctx, { exportId, status }) => {
    const job = await ctx.db.get(exportId);
    if (job === null || job.status.kind !== "running") return null;
    await ctx.db.patch(exportId, { status });
    if (status.kind === "failed") await deleteChunks(ctx, exportId);
    return null;
  },
});

/** The stream's next chunk (deleted as it is handed over), or the end once nothing more will come. */
export const take = internalMutation({
  args: { exportId: v.id("sqlConsoleExports"), seq: v.number() },
  returns: v.union(
    v.object({ kind: v.literal("chunk"), text: v.string() }),
    v.object({ kind: v.literal("wait") }),
    v.object({ kind: v.literal("end"), status: vExportStatus }),
  ),
  handler: async (ctx, { exportId, seq }) => {
    const chunk = await ctx.db
      .query("sqlConsoleExportChunks")
      .withIndex("by_exportId_and_seq", (q) => q.eq("exportId", exportId).eq("seq", seq))
      .unique();
    if (chunk !== null) {
      await ctx.db.delete(chunk._id);
      return { kind: "chunk" as const, text: chunk.text };
    }
    const job = await ctx.db.get(exportId);
    if (job === null) return { kind: "end" as const, status: { kind: "cancelled" as const, rowCount: 0 } };
    return job.status.kind === "running"
      ? { kind: "wait" as const }
      : { kind: "end" as const, status: job.status };
  },
});

/** The browser went away: the producer stops at its next chunk and the chunks waiting are dropped. */
export const cancel = internalMutation({
  args: { exportId: v.id("sqlConsoleExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }) => {
    const job = await ctx.db.get(exportId);
    if (job === null || job.status.kind !== "running") return null;
    await ctx.db.patch(exportId, { status: { kind: "cancelled", rowCount: job.status.rowCount } });
    await deleteChunks(ctx, exportId);
    return null;
  },
});
