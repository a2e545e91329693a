import { v } from "convex/values";
import { memberQuery } from "../lib/functions";
import {
  aggregateOverview,
  overviewNow,
  periodStart,
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
 * The Overview page's numbers over the last `days` UTC days (today included): conversations started
 * and their status now, answers by outcome (the widget's and the Playground's alike: both ran the same
 * lookups and the Playground is often where an organization starts), and latency percentiles.
 */
export const stats = memberQuery({
  args: { days: v.number(), today: v.optional(v.string()) },
  returns: vOverviewStats,
  handler: async (ctx, { days, today }) => {
    const now = overviewNow(days, today);
    const { organizationId } = ctx.member;
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
