import { v } from "convex/values";
import { memberQuery } from "../lib/functions";
import { overviewNow, periodStart } from "../overview/stats";
import { aggregateSatisfaction, vSatisfactionStats } from "../satisfaction/stats";

/*
 * Bounded reads, like `private/overview.ts`: ratings by their day and escalation records by when they
 * were raised, through `by_organizationId_and_*` indexes, newest first, at most 10,000 each (two small
 * rows per conversation at most, far under Convex's 32,000 documents per query); past that the oldest
 * days are left out and `truncated` says so. Conversations and messages are never scanned: the
 * escalation records carry the timestamps (`satisfaction/escalations.ts`).
 */
const MAX_ROWS = 10_000;

/** The Overview's CSAT per day and, for escalations, first-response and resolution times. */
export const stats = memberQuery({
  args: { days: v.number(), today: v.optional(v.string()) },
  returns: vSatisfactionStats,
  handler: async (ctx, { days, today }) => {
    const now = overviewNow(days, today);
    const since = periodStart(now, days);
    const { organizationId } = ctx.member;
    const ratings = await ctx.db
      .query("satisfactionRatings")
      .withIndex("by_organizationId_and_ratedAt", (q) =>
        q.eq("organizationId", organizationId).gte("ratedAt", since),
      )
      .order("desc")
      .take(MAX_ROWS + 1);
    const escalations = await ctx.db
      .query("escalationRecords")
      .withIndex("by_organizationId_and_escalatedAt", (q) =>
        q.eq("organizationId", organizationId).gte("escalatedAt", since),
      )
      .order("desc")
      .take(MAX_ROWS + 1);
    return aggregateSatisfaction({
      now,
      days,
      ratings: ratings.slice(0, MAX_ROWS).map((r) => ({ at: r.ratedAt, score: r.score })),
      escalations: escalations.slice(0, MAX_ROWS).map((e) => ({
        escalatedAt: e.escalatedAt,
        raisedBy: e.raisedBy,
        ...(e.firstResponseAt === undefined ? {} : { firstResponseAt: e.firstResponseAt }),
        ...(e.end.kind === "resolved" ? { resolvedAt: e.end.at } : {}),
      })),
      truncated: ratings.length > MAX_ROWS || escalations.length > MAX_ROWS,
    });
  },
});
