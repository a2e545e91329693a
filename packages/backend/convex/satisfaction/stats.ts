import { v, type Infer } from "convex/values";
import { DAY_MS, percentile, periodStart } from "../overview/stats";
import { SATISFIED_MIN_SCORE } from "../shared/satisfaction";

/*
 * The Overview's satisfaction numbers from plain samples (tested without a database):
 * CSAT per UTC day = ratings of 4 or 5 / all ratings that day; response and resolution times of the
 * escalations raised in the period by a customer or the agent (an operator's own take-over leaves nobody
 * waiting), as nearest-rank p50 and p90 in milliseconds.
 */

export const vDuration = v.object({
  count: v.number(),
  p50: v.union(v.number(), v.null()),
  p90: v.union(v.number(), v.null()),
});

export const vSatisfactionDay = v.object({
  day: v.number(),
  ratings: v.number(),
  satisfied: v.number(),
  /** satisfied / ratings; null on a day without ratings. */
  csat: v.union(v.number(), v.null()),
});

export const vSatisfactionStats = v.object({
  days: v.number(),
  since: v.number(),
  /** Over the read limit: the oldest records of the period were left out. */
  truncated: v.boolean(),
  ratings: v.number(),
  csat: v.union(v.number(), v.null()),
  averageScore: v.union(v.number(), v.null()),
  perDay: v.array(vSatisfactionDay),
  escalations: v.object({
    /** Escalations raised in the period by a customer or the agent. */
    total: v.number(),
    /** Of those, still without an operator's reply. */
    awaitingResponse: v.number(),
    firstResponseMs: vDuration,
    resolutionMs: vDuration,
  }),
});

export type SatisfactionStats = Infer<typeof vSatisfactionStats>;

export interface RatingSample {
  at: number;
  score: number;
}

export interface EscalationSample {
  escalatedAt: number;
  raisedBy: "contact" | "agent" | "operator";
  firstResponseAt?: number;
  resolvedAt?: number;
}

function durationOf(values: readonly number[]): Infer<typeof vDuration> {
  return { count: values.length, p50: percentile(values, 50), p90: percentile(values, 90) };
}

export function aggregateSatisfaction(input: {
  now: number;
  days: number;
  ratings: readonly RatingSample[];
  escalations: readonly EscalationSample[];
  truncated: boolean;
}): SatisfactionStats {
  const since = periodStart(input.now, input.days);
  const perDay = Array.from({ length: input.days }, (_, index) => ({
    day: since + index * DAY_MS,
    ratings: 0,
    satisfied: 0,
  }));
  let scoreSum = 0;
  let ratings = 0;
  let satisfied = 0;
  for (const rating of input.ratings) {
    const bucket = perDay[Math.floor((rating.at - since) / DAY_MS)];
    if (bucket === undefined) continue;
    bucket.ratings += 1;
    ratings += 1;
    scoreSum += rating.score;
    if (rating.score >= SATISFIED_MIN_SCORE) {
      bucket.satisfied += 1;
      satisfied += 1;
    }
  }

  const waiting = input.escalations.filter(
    (e) => e.raisedBy !== "operator" && e.escalatedAt >= since && e.escalatedAt <= input.now,
  );
  const firstResponse = waiting.flatMap((e) =>
    e.firstResponseAt === undefined ? [] : [e.firstResponseAt - e.escalatedAt],
  );
  const resolution = waiting.flatMap((e) =>
    e.resolvedAt === undefined ? [] : [e.resolvedAt - e.escalatedAt],
  );

  return {
    days: input.days,
    since,
    truncated: input.truncated,
    ratings,
    csat: ratings === 0 ? null : satisfied / ratings,
    averageScore: ratings === 0 ? null : scoreSum / ratings,
    perDay: perDay.map((day) => ({ ...day, csat: day.ratings === 0 ? null : day.satisfied / day.ratings })),
    escalations: {
      total: waiting.length,
      awaitingResponse: waiting.length - firstResponse.length,
      firstResponseMs: durationOf(firstResponse),
      resolutionMs: durationOf(resolution),
    },
  };
}
