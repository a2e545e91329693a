import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { auditEventFields } from "../audit/tables";
import { adminQuery } from "../lib/functions";

/** Newest first, a page at a time. Entries hold names, counts, timings and codes: no values, no secrets. */
export const list = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: v.object({
    page: v.array(v.object({ _id: v.id("auditEvents"), _creationTime: v.number(), ...auditEventFields })),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { paginationOpts }) => {
    return await ctx.db
      .query("auditEvents")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .order("desc")
      .paginate(paginationOpts);
  },
});
