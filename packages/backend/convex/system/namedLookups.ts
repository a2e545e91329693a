import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { vNamedLookupDefinition } from "../dataSources/tables";
import { appError } from "../lib/errors";
import { namedLookupsOf, vStoredNamedLookup } from "../lookup/named/model";

/* Named lookups as the actions need them: the agent's tools, the offline planner, `save` and `tryIt`. */

async function byNameOf(ctx: QueryCtx, organizationId: Id<"organizations">, name: string) {
  return await ctx.db
    .query("namedLookups")
    .withIndex("by_organizationId_and_name", (q) => q.eq("organizationId", organizationId).eq("name", name))
    .unique();
}

export const forOrganization = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(vStoredNamedLookup),
  handler: (ctx, { organizationId }) => namedLookupsOf(ctx, organizationId),
});

export const byName = internalQuery({
  args: { organizationId: v.id("organizations"), name: v.string() },
  returns: v.union(v.null(), vStoredNamedLookup),
  handler: async (ctx, { organizationId, name }) => {
    const row = await byNameOf(ctx, organizationId, name);
    if (row === null) return null;
    const { _id, dataSourceId, description, sql, parameters, updatedAt } = row;
    return { lookupId: _id, dataSourceId, name, description, sql, parameters, updatedAt };
  },
});

/**
 * Stores a definition `save` has checked against the live catalog of `dataSourceId`. Uniqueness is
 * checked again here, in the transaction, so two saves of one name cannot both win.
 */
export const record = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    dataSourceId: v.id("dataSources"),
    userId: v.id("users"),
    /** The lookup being edited; absent for a new one. */
    lookupId: v.optional(v.id("namedLookups")),
    definition: vNamedLookupDefinition,
  },
  returns: v.id("namedLookups"),
  handler: async (ctx, { organizationId, dataSourceId, userId, lookupId, definition }) => {
    const dataSource = await ctx.db.get(dataSourceId);
    if (dataSource === null || dataSource.organizationId !== organizationId) {
      throw appError("not_configured", "The database was disconnected meanwhile; connect it again.");
    }
    const sameName = await byNameOf(ctx, organizationId, definition.name);
    if (sameName !== null && sameName._id !== lookupId) {
      throw appError("invalid_input", `A named lookup called ${definition.name} already exists.`, {
        fields: [{ field: "name", message: "is already used by another named lookup" }],
      });
    }
    const fields = { organizationId, dataSourceId, ...definition, updatedAt: Date.now(), updatedBy: userId };
    if (lookupId === undefined) return await ctx.db.insert("namedLookups", fields);
    const existing = await ctx.db.get(lookupId);
    if (existing === null || existing.organizationId !== organizationId) {
      throw appError("not_found", "This named lookup no longer exists.");
    }
    await ctx.db.replace(lookupId, fields);
    return lookupId;
  },
});
