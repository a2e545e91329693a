import { v } from "convex/values";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";
import { namedLookupsOf, vStoredNamedLookup } from "../lookup/named/model";

/* The Named lookups page: list and remove here; save and try it in namedLookupActions.ts (Node). */

/** The organization's named lookups, by name. */
export const list = memberQuery({
  args: {},
  returns: v.array(vStoredNamedLookup),
  handler: (ctx) => namedLookupsOf(ctx, ctx.member.organizationId),
});

export const remove = adminMutation({
  args: { lookupId: v.id("namedLookups") },
  returns: v.null(),
  handler: async (ctx, { lookupId }) => {
    const lookup = await ctx.db.get(lookupId);
    // Another organization's id answers like a missing one.
    if (lookup === null || lookup.organizationId !== ctx.member.organizationId) {
      throw appError("not_found", "This named lookup no longer exists.");
    }
    await ctx.db.delete(lookupId);
    return null;
  },
});
