import { v } from "convex/values";
import { components, internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { activeJobOf, startIngestionJob } from "../knowledge/jobs";
import { setIndexedCount } from "../knowledge/ingestionProgress";

const PURGE_BATCH = 200;

/** Drops indexed rows and their rag entries (rag deletes the chunks in the background). */
async function removeFromIndex(ctx: MutationCtx, rows: Doc<"indexedRows">[]) {
  for (const row of rows) {
    await ctx.runMutation(components.rag.entries.deleteAsync, {
      entryId: row.entryId,
      startOrder: 0,
    });
    await ctx.db.delete(row._id);
  }
}

/** Every indexed row of a disconnected data source leaves the index, in bounded batches. */
export const purgeDataSource = internalMutation({
  args: { dataSourceId: v.id("dataSources") },
  handler: async (ctx, { dataSourceId }) => {
    const rows = await ctx.db
      .query("indexedRows")
      .withIndex("by_dataSourceId_and_key", (q) => q.eq("dataSourceId", dataSourceId))
      .take(PURGE_BATCH);
    await removeFromIndex(ctx, rows);
    if (rows.length === PURGE_BATCH) {
      await ctx.scheduler.runAfter(0, internal.system.knowledgePurge.purgeDataSource, { dataSourceId });
      return;
    }
    const counts = await ctx.db
      .query("indexedTables")
      .withIndex("by_dataSourceId_and_table", (q) => q.eq("dataSourceId", dataSourceId))
      .collect();
    for (const count of counts) await ctx.db.delete(count._id);
  },
});

/**
 * After a table's access policy changed, its indexed rows carry a scope that may no longer hold: they
 * leave the index at once (in bounded batches), and unless the table is now private it is ingested
 * again with the new scope (when it was indexed before).
 */
export const purgeTable = internalMutation({
  args: { dataSourceId: v.id("dataSources"), table: v.string(), hadRows: v.optional(v.boolean()) },
  handler: async (ctx, { dataSourceId, table, hadRows }) => {
    const rows = await ctx.db
      .query("indexedRows")
      .withIndex("by_dataSourceId_and_table_and_seenBy", (q) =>
        q.eq("dataSourceId", dataSourceId).eq("table", table),
      )
      .take(PURGE_BATCH);
    await removeFromIndex(ctx, rows);
    if (rows.length === PURGE_BATCH) {
      await ctx.scheduler.runAfter(0, internal.system.knowledgePurge.purgeTable, {
        dataSourceId,
        table,
        hadRows: true,
      });
      return;
    }
    // The count is exact again (nothing left), so the next ingestion needs no sweep to find it.
    await setIndexedCount(ctx, dataSourceId, table, 0);
    // Only a table that was in the index comes back by itself; a newly shared one waits for an ingestion.
    if (!(hadRows === true || rows.length > 0)) return;
    const dataSource = await ctx.db.get(dataSourceId);
    const [schema, name] = [table.slice(0, table.indexOf(".")), table.slice(table.indexOf(".") + 1)];
    const policy = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) =>
        q.eq("dataSourceId", dataSourceId).eq("schema", schema).eq("table", name),
      )
      .unique();
    if (dataSource === null || policy === null || policy.policy.kind === "private") return;
    if ((await activeJobOf(ctx, dataSource.organizationId)) !== null) return; // its steps read the new policy
    await startIngestionJob(ctx, dataSource.organizationId, { kind: "system", name: "policy-change" }, [
      table,
    ]);
  },
});
