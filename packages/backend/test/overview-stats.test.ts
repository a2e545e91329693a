// The Overview's arithmetic on plain samples: UTC day buckets, nearest-rank percentiles, the rate.
import { describe, expect, it } from "vitest";
import { aggregateOverview, percentile, periodStart, type AnswerSample } from "../convex/overview/stats.ts";

const NOW = Date.UTC(2026, 2, 10, 15, 30); // 10 March 2026, 15:30 UTC
const at = (day: number, hour = 12) => Date.UTC(2026, 2, day, hour);

describe("percentile", () => {
  it("takes the nearest rank of the sorted values, and is null for none", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 95)).toBe(40);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
  });
});

describe("aggregateOverview", () => {
  it("starts the period at midnight UTC and lists every day, oldest first, empty ones as zeros", () => {
    const stats = aggregateOverview({ now: NOW, days: 7, answers: [], conversations: [], truncated: false });
    expect(stats.since).toBe(Date.UTC(2026, 2, 4));
    expect(periodStart(NOW, 7)).toBe(stats.since);
    expect(stats.perDay.map((d) => new Date(d.day).toISOString().slice(0, 10))).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(stats.perDay[0]).toEqual({
      day: Date.UTC(2026, 2, 4),
      conversations: 0,
      answers: { database: 0, knowledge_base: 0, none: 0, escalated: 0, resolved: 0, failed: 0 },
      answerMs: { count: 0, p50: null, p95: null },
      databaseMs: { count: 0, p50: null, p95: null },
      knowledgeBaseMs: { count: 0, p50: null, p95: null },
    });
    expect(stats.conversations).toEqual({
      total: 0,
      unresolved: 0,
      escalated: 0,
      resolved: 0,
      resolutionRate: null,
    });
    expect(stats.latency.answer).toEqual({ count: 0, p50: null, p95: null });
  });

  it("buckets answers and conversations by UTC day and ignores what falls outside the period", () => {
    const answers: AnswerSample[] = [
      { at: at(3, 23), channel: "widget", outcome: "database", totalMs: 9999, databaseMs: 9999 }, // before
      {
        at: Date.UTC(2026, 2, 4, 0, 0),
        channel: "widget",
        outcome: "database",
        totalMs: 100,
        databaseMs: 40,
      },
      { at: at(9, 23), channel: "api", outcome: "knowledge_base", totalMs: 300, knowledgeBaseMs: 90 },
      {
        at: Date.UTC(2026, 2, 10, 0, 0),
        channel: "playground",
        outcome: "database",
        totalMs: 200,
        databaseMs: 60,
      },
      { at: at(10), channel: "widget", outcome: "failed", totalMs: 4000 },
      { at: at(10), channel: "widget", outcome: "none", totalMs: 500, databaseMs: 20, knowledgeBaseMs: 30 },
    ];
    const stats = aggregateOverview({
      now: NOW,
      days: 7,
      answers,
      conversations: [
        { at: at(2), status: "resolved" }, // before the period
        { at: at(4), status: "resolved" },
        { at: at(10), status: "escalated" },
        { at: at(10), status: "unresolved" },
      ],
      truncated: true,
    });
    expect(stats.truncated).toBe(true);
    expect(stats.conversations).toEqual({
      total: 3,
      unresolved: 1,
      escalated: 1,
      resolved: 1,
      resolutionRate: 1 / 3,
    });
    expect(stats.answers).toEqual({
      total: 5,
      widget: 3,
      api: 1,
      playground: 1,
      byOutcome: { database: 2, knowledge_base: 1, none: 1, escalated: 0, resolved: 0, failed: 1 },
    });
    expect(stats.perDay.map((d) => d.conversations)).toEqual([1, 0, 0, 0, 0, 0, 2]);
    expect(stats.perDay.map((d) => d.answerMs.count)).toEqual([1, 0, 0, 0, 0, 1, 3]);
    const today = stats.perDay[6]!;
    expect(today.answers).toMatchObject({ database: 1, none: 1, failed: 1 });
    expect(today.answerMs).toEqual({ count: 3, p50: 500, p95: 4000 });
    expect(today.databaseMs).toEqual({ count: 2, p50: 20, p95: 60 });
    // Overall: answers 100, 200, 300, 500, 4000; database 20, 40, 60; knowledge base 30, 90.
    expect(stats.latency).toEqual({
      answer: { count: 5, p50: 300, p95: 4000 },
      database: { count: 3, p50: 40, p95: 60 },
      knowledgeBase: { count: 2, p50: 30, p95: 90 },
    });
  });

  it("counts 30 days when asked for 30", () => {
    const stats = aggregateOverview({
      now: NOW,
      days: 30,
      answers: [{ at: at(3), channel: "widget", outcome: "resolved", totalMs: 10 }],
      conversations: [],
      truncated: false,
    });
    expect(stats.perDay).toHaveLength(30);
    expect(stats.since).toBe(Date.UTC(2026, 1, 9));
    expect(stats.answers.byOutcome.resolved).toBe(1);
  });
});
