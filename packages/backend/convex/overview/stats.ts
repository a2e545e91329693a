import { v, type Infer } from "convex/values";
import type { AnswerChannel, vAnswerOutcome } from "../conversations/tables";
import { appError } from "../lib/errors";

/*
 * The Overview page's numbers, computed from plain samples so the arithmetic (UTC day buckets,
 * percentiles, the resolution rate) is tested without a database. `private/overview.ts` reads the
 * samples through indexes and hands them here.
 */

import { OVERVIEW_PERIODS } from "../shared/overview";

export { OVERVIEW_PERIODS };
export const DAY_MS = 86_400_000;

export type AnswerOutcome = Infer<typeof vAnswerOutcome>;
const OUTCOMES: AnswerOutcome[] = ["database", "knowledge_base", "none", "escalated", "resolved", "failed"];

/** Answers counted by outcome: the first three are the lookups by source (database, knowledge base, nothing). */
export const vOutcomeCounts = v.object({
  database: v.number(),
  knowledge_base: v.number(),
  none: v.number(),
  escalated: v.number(),
  resolved: v.number(),
  failed: v.number(),
});

/** Milliseconds over `count` samples (nearest-rank percentiles); null when there is no sample. */
export const vLatency = v.object({
  count: v.number(),
  p50: v.union(v.number(), v.null()),
  p95: v.union(v.number(), v.null()),
});

export const vOverviewDay = v.object({
  /** The UTC day's first millisecond. */
  day: v.number(),
  conversations: v.number(),
  answers: vOutcomeCounts,
  answerMs: vLatency,
  databaseMs: vLatency,
  knowledgeBaseMs: vLatency,
});

export const vOverviewStats = v.object({
  days: v.number(),
  /** The first millisecond counted (midnight UTC, `days - 1` days before today). */
  since: v.number(),
  /** Over the read limit: the oldest records of the period were left out. */
  truncated: v.boolean(),
  conversations: v.object({
    /** Conversations started in the period, by their status now. */
    total: v.number(),
    unresolved: v.number(),
    escalated: v.number(),
    resolved: v.number(),
    /** resolved / total; null without conversations. */
    resolutionRate: v.union(v.number(), v.null()),
  }),
  answers: v.object({
    total: v.number(),
    /** Every channel counts everywhere on the page; this says how many came from each. */
    widget: v.number(),
    api: v.number(),
    playground: v.number(),
    byOutcome: vOutcomeCounts,
  }),
  latency: v.object({ answer: vLatency, database: vLatency, knowledgeBase: vLatency }),
  perDay: v.array(vOverviewDay),
});

export type OverviewStats = Infer<typeof vOverviewStats>;
export type OutcomeCounts = Infer<typeof vOutcomeCounts>;
export type Latency = Infer<typeof vLatency>;

export interface AnswerSample {
  at: number;
  channel: AnswerChannel;
  outcome: AnswerOutcome;
  totalMs: number;
  /** Absent when the turn ran no lookup on that source. */
  databaseMs?: number;
  knowledgeBaseMs?: number;
}

export interface ConversationSample {
  at: number;
  status: "unresolved" | "escalated" | "resolved";
}

export function utcDayStart(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/**
 * The caller's current UTC day ("YYYY-MM-DD") as its first millisecond. Convex re-runs a query when
 * what it read changes, not when the clock passes midnight: the page passes its day so that the
 * arguments, and with them the buckets, change at midnight. A day more than one off is refused.
 */
export function callerDayStart(today: string, now: number): number {
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
 * Checks an Overview query's period and gives its "now". A query's Date.now() is when it ran; a
 * caller's day just past midnight (its clock a little ahead) counts from that day's start.
 */
export function overviewNow(days: number, today: string | undefined): number {
  if (!(OVERVIEW_PERIODS as readonly number[]).includes(days))
    throw appError("invalid_input", `days must be one of ${OVERVIEW_PERIODS.join(", ")}; got ${days}.`, {
      fields: [{ field: "days", message: `Choose ${OVERVIEW_PERIODS.join(", ")} days.` }],
    });
  return today === undefined ? Date.now() : Math.max(Date.now(), callerDayStart(today, Date.now()));
}

/** The first millisecond of a `days`-day period that ends with today (UTC). */
export function periodStart(now: number, days: number): number {
  return utcDayStart(now) - (days - 1) * DAY_MS;
}

/** Nearest-rank percentile (`p` in 0..100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export function latencyOf(values: readonly number[]): Latency {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) };
}

function noOutcomes(): OutcomeCounts {
  return { database: 0, knowledge_base: 0, none: 0, escalated: 0, resolved: 0, failed: 0 };
}

interface DayBucket {
  conversations: number;
  answers: OutcomeCounts;
  answerMs: number[];
  databaseMs: number[];
  knowledgeBaseMs: number[];
}

/** Samples outside the period are ignored; every day of the period is present, oldest first. */
export function aggregateOverview(input: {
  now: number;
  days: number;
  answers: readonly AnswerSample[];
  conversations: readonly ConversationSample[];
  truncated: boolean;
}): OverviewStats {
  const since = periodStart(input.now, input.days);
  const buckets: DayBucket[] = Array.from({ length: input.days }, () => ({
    conversations: 0,
    answers: noOutcomes(),
    answerMs: [],
    databaseMs: [],
    knowledgeBaseMs: [],
  }));
  const bucketOf = (at: number) => buckets[Math.floor((at - since) / DAY_MS)];

  const status = { unresolved: 0, escalated: 0, resolved: 0 };
  let conversationTotal = 0;
  for (const conversation of input.conversations) {
    const bucket = bucketOf(conversation.at);
    if (bucket === undefined) continue;
    bucket.conversations += 1;
    status[conversation.status] += 1;
    conversationTotal += 1;
  }

  const channels: Record<AnswerChannel, number> = { widget: 0, api: 0, playground: 0 };
  for (const answer of input.answers) {
    const bucket = bucketOf(answer.at);
    if (bucket === undefined) continue;
    channels[answer.channel] += 1;
    bucket.answers[answer.outcome] += 1;
    bucket.answerMs.push(answer.totalMs);
    if (answer.databaseMs !== undefined) bucket.databaseMs.push(answer.databaseMs);
    if (answer.knowledgeBaseMs !== undefined) bucket.knowledgeBaseMs.push(answer.knowledgeBaseMs);
  }

  const byOutcome = noOutcomes();
  for (const bucket of buckets) for (const outcome of OUTCOMES) byOutcome[outcome] += bucket.answers[outcome];
  const all = (pick: (bucket: DayBucket) => number[]) => latencyOf(buckets.flatMap(pick));

  return {
    days: input.days,
    since,
    truncated: input.truncated,
    conversations: {
      total: conversationTotal,
      ...status,
      resolutionRate: conversationTotal === 0 ? null : status.resolved / conversationTotal,
    },
    answers: { total: channels.widget + channels.api + channels.playground, ...channels, byOutcome },
    latency: {
      answer: all((b) => b.answerMs),
      database: all((b) => b.databaseMs),
      knowledgeBase: all((b) => b.knowledgeBaseMs),
    },
    perDay: buckets.map((bucket, index) => ({
      day: since + index * DAY_MS,
      conversations: bucket.conversations,
      answers: bucket.answers,
      answerMs: latencyOf(bucket.answerMs),
      databaseMs: latencyOf(bucket.databaseMs),
      knowledgeBaseMs: latencyOf(bucket.knowledgeBaseMs),
    })),
  };
}
