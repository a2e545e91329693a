import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { auditEventFields, vOperation } from "../audit/tables";
import { adminQuery } from "../lib/functions";

/**
 * Newest first, a page at a time, optionally one operation and/or one outcome (each through an index, so
 * a filter reaches back over the whole log, not only the pages already read). Entries hold names,
 * counts, timings and codes: no values, no secrets.
 */
export const list = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    operation: v.optional(vOperation),
    outcome: v.optional(v.union(v.literal("ok"), v.literal("error"))),
  },
  returns: v.object({
    page: v.array(v.object({ _id: v.id("auditEvents"), _creationTime: v.number(), ...auditEventFields })),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { paginationOpts, operation, outcome }) => {
    const organizationId = ctx.member.organizationId;
    const events = ctx.db.query("auditEvents");
    const query =
      operation !== undefined
        ? events.withIndex("by_organizationId_and_operation_and_outcomeKind", (q) => {
            const byOperation = q.eq("organizationId", organizationId).eq("operation", operation);
            return outcome === undefined ? byOperation : byOperation.eq("outcome.kind", outcome);
          })
        : outcome !== undefined
          ? events.withIndex("by_organizationId_and_outcomeKind", (q) =>
              q.eq("organizationId", organizationId).eq("outcome.kind", outcome),
            )
          : events.withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId));
    return await query.order("desc").paginate(paginationOpts);
  },
});
