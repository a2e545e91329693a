import { v } from "convex/values";
import { appError } from "../lib/errors";
import { memberQuery } from "../lib/functions";
import {
  DAY_MS,
  OVERVIEW_PERIODS,
  aggregateOverview,
  periodStart,
  utcDayStart,
  vOverviewStats,
  type AnswerSample,
  type ConversationSample,
} from "../overview/stats";

/*
 * One query reads every record of the period, so the read is bounded: Convex stops a query at 32,000
 * documents or 16 MiB read. Answer records carry their sources (SQL text included), so at most
 * 10,000 of them (about 10 MB at worst) plus 10,000 small conversations are read, newest first; past
 * that the oldest days are left out and `truncated` says so.
 */
const MAX_ANSWERS = 10_000;
const MAX_CONVERSATIONS = 10_000;

/**
 * The caller's current UTC day ("YYYY-MM-DD") as its first millisecond. Convex re-runs a query when
 * what it read changes, not when the clock passes midnight: the page passes its day so that the
 * arguments, and with them the buckets, change at midnight. A day more than one off is refused.
 */
function callerDayStart(today: string, now: number): number {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(today) ? Date.parse(`${today}T00:00:00Z`) : NaN;
  if (Number.isNaN(start) || Math.abs(start - utcDayStart(now)) > DAY_MS)
    throw appError(
      "invalid_input",
      `today must be the current UTC day as YYYY-MM-DD; got ${JSON.stringify(today)}.`,
      {
        fields: [{ field: "today", message: "Give the current UTC day, e.g. 2026-03-10." }],
      },
    );
  return start;
}

/**
 * The Overview page's numbers over the last `days` UTC days (today included): conversations started
 * and their status now, answers by outcome (the widget's and the Playground's alike: both ran the same
 * lookups and the Playground is often where an organization starts), and latency percentiles.
 */
export const stats = memberQuery({
  args: { days: v.number(), today: v.optional(v.string()) },
  returns: vOverviewStats,
  handler: async (ctx, { days, today }) => {
    if (!(OVERVIEW_PERIODS as readonly number[]).includes(days))
      throw appError("invalid_input", `days must be one of ${OVERVIEW_PERIODS.join(", ")}; got ${days}.`, {
        fields: [{ field: "days", message: `Choose ${OVERVIEW_PERIODS.join(", ")} days.` }],
      });
    const { organizationId } = ctx.member;
    // A query's Date.now() is when it ran; a caller's day just past midnight (its clock a little ahead)
    // counts from that day's start.
    const now = today === undefined ? Date.now() : Math.max(Date.now(), callerDayStart(today, Date.now()));
    const since = periodStart(now, days);

    const answerRecords = await ctx.db
      .query("answerRecords")
      .withIndex("by_organizationId", (q) =>
        q.eq("organizationId", organizationId).gte("_creationTime", since),
      )
      .order("desc")
      .take(MAX_ANSWERS + 1);
    const conversationRecords = await ctx.db
      .query("conversations")
      .withIndex("by_organizationId", (q) =>
        q.eq("organizationId", organizationId).gte("_creationTime", since),
      )
      .order("desc")
      .take(MAX_CONVERSATIONS + 1);

    const answers: AnswerSample[] = answerRecords.slice(0, MAX_ANSWERS).map((record) => ({
      at: record._creationTime,
      channel: record.channel,
      outcome: record.outcome,
      totalMs: record.totalMs,
      ...(record.database === undefined ? {} : { databaseMs: record.database.ms }),
      ...(record.knowledgeBase === undefined ? {} : { knowledgeBaseMs: record.knowledgeBase.ms }),
    }));
    const conversations: ConversationSample[] = conversationRecords
      .slice(0, MAX_CONVERSATIONS)
      .map((conversation) => ({ at: conversation._creationTime, status: conversation.status.kind }));

    return aggregateOverview({
      now,
      days,
      answers,
      conversations,
      truncated: answerRecords.length > MAX_ANSWERS || conversationRecords.length > MAX_CONVERSATIONS,
    });
  },
});
