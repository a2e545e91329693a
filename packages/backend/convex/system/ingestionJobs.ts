import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { activeJobOf, startIngestionJob } from "../knowledge/jobs";

/**
 * For operators: `npx convex run system/ingestionJobs:start '{"organizationId":"..."}'`, and the daily
 * re-sync (crons.ts) of every organization that has ingested before.
 */
export const start = internalMutation({
  args: { organizationId: v.id("organizations"), tables: v.optional(v.array(v.string())) },
  returns: v.id("ingestionJobs"),
  handler: (ctx, { organizationId, tables }) =>
    startIngestionJob(ctx, organizationId, { kind: "system", name: "cli" }, tables),
});

export const resyncAll = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    let started = 0;
    for (const dataSource of await ctx.db.query("dataSources").collect()) {
      const last = await ctx.db
        .query("ingestionJobs")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", dataSource.organizationId))
        .order("desc")
        .first();
      if (
        last === null ||
        last.status.kind !== "done" ||
        (await activeJobOf(ctx, dataSource.organizationId)) !== null
      )
        continue;
      await startIngestionJob(ctx, dataSource.organizationId, { kind: "system", name: "resync" });
      started++;
    }
    return started;
  },
});

/**
 * One line per table, for watching a job from a terminal:
 * `npx convex run --watch system/ingestionJobs:progress '{"jobId":"..."}'`.
 */
export const progress = internalQuery({
  args: { jobId: v.id("ingestionJobs") },
  returns: v.union(
    v.null(),
    v.object({ status: v.string(), tables: v.array(v.string()), lastError: v.union(v.string(), v.null()) }),
  ),
  handler: async (ctx, { jobId }) => {
    const job = await ctx.db.get(jobId);
    if (job === null) return null;
    const lastError = job.recentErrors.at(-1);
    return {
      status: job.status.kind === "failed" ? `failed: ${job.status.error.message}` : job.status.kind,
      tables: job.tables.map(
        (t) =>
          `${t.schema}.${t.table}: ${t.phase}, ${t.rowsRead} read, ${t.rowsEmbedded} embedded, ${t.rowsUnchanged} unchanged, ${t.rowsRemoved} removed, ${t.errors} errors`,
      ),
      lastError:
        lastError === undefined
          ? null
          : `${lastError.table} ${lastError.key ?? ""} ${lastError.code}: ${lastError.message}`,
    };
  },
});
