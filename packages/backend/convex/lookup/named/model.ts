import { v, type Infer } from "convex/values";
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { namedLookupDefinition } from "../../dataSources/tables";

/* Named lookups as stored: read by the agent's tools, the offline planner, `save` and `tryIt`. */

export const vStoredNamedLookup = v.object({
  lookupId: v.id("namedLookups"),
  dataSourceId: v.id("dataSources"),
  ...namedLookupDefinition,
  updatedAt: v.number(),
});

export type StoredNamedLookup = Infer<typeof vStoredNamedLookup>;

export async function namedLookupsOf(ctx: QueryCtx, organizationId: Id<"organizations">) {
  const rows = await ctx.db
    .query("namedLookups")
    .withIndex("by_organizationId_and_name", (q) => q.eq("organizationId", organizationId))
    .collect();
  return rows.map(({ _id, dataSourceId, name, description, sql, parameters, updatedAt }) => ({
    lookupId: _id,
    dataSourceId,
    name,
    description,
    sql,
    parameters,
    updatedAt,
  }));
}

/** Disconnect: the lookups were written for that database's tables. */
export async function removeNamedLookupsOf(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  dataSourceId: Id<"dataSources">,
) {
  const rows = await ctx.db
    .query("namedLookups")
    .withIndex("by_organizationId_and_name", (q) => q.eq("organizationId", organizationId))
    .collect();
  for (const row of rows) if (row.dataSourceId === dataSourceId) await ctx.db.delete(row._id);
}
