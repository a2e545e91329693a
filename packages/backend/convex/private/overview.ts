import { v } from "convex/values";
import { appError } from "../lib/errors";
import { memberQuery } from "../lib/functions";
import {
  OVERVIEW_PERIODS,
  aggregateOverview,
  periodStart,
  vOverviewStats,
  type AnswerSample,
  type ConversationSample,
} from "../lib/overviewStats";

/*
 * One query reads every record of the period, so the read is bounded: Convex stops a query at 32,000
 * documents or 16 MiB read. Answer records carry their sources (SQL text included), so at most
 * 10,000 of them (about 10 MB at worst) plus 10,000 small conversations are read, newest first; past
 * that the oldest days are left out and `truncated` says so.
 */
const MAX_ANSWERS = 10_000;
const MAX_CONVERSATIONS = 10_000;

/**
 * The Overview page's numbers over the last `days` UTC days (today included): conversations started
 * and their status now, answers by outcome (the widget's and the Playground's alike: both ran the same
 * lookups and the Playground is often where an organization starts), and latency percentiles.
 */
export const stats = memberQuery({
  args: { days: v.number() },
  returns: vOverviewStats,
  handler: async (ctx, { days }) => {
    if (!(OVERVIEW_PERIODS as readonly number[]).includes(days))
      throw appError("invalid_input", `days must be one of ${OVERVIEW_PERIODS.join(", ")}; got ${days}.`, {
        fields: [{ field: "days", message: `Choose ${OVERVIEW_PERIODS.join(", ")} days.` }],
      });
    const { organizationId } = ctx.member;
    // A query's Date.now() is when it ran: a page left open rolls to the next UTC day with the next
    // answer or conversation (which re-runs the query) or a reload.
    const now = Date.now();
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
