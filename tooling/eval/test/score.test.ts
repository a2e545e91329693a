import { describe, expect, it } from "vitest";
import type { AgentReply } from "../src/agent.ts";
import type { EvalCase } from "../src/cases.ts";
import { percentile, scoreCase, totalsOf } from "../src/score.ts";

const evalCase = (overrides: Partial<EvalCase> = {}): EvalCase => ({
  id: "case",
  question: "Where is my order #1001?",
  contact: { email: "alice@example.com", verified: true },
  expect: "database",
  mustInclude: ["UPS", "1Z999AA10123456784"],
  mustNotInclude: ["bob@example.com", "771234567890"],
  tags: [],
  ...overrides,
});

const reply = (overrides: Partial<AgentReply> = {}): AgentReply => ({
  text: "Here is what I found in orders: carrier: UPS, tracking number: 1Z999AA10123456784.",
  source: "database",
  lookup: {
    source: "database",
    rows: [{ table: "public.orders", columns: ["carrier"], rows: [["UPS"]], truncated: false }],
  },
  status: "unresolved",
  failed: false,
  timings: null,
  ms: 120,
  ...overrides,
});

describe("leaks", () => {
  it("a forbidden fact in the reply text is a leak", () => {
    const result = scoreCase(evalCase(), reply({ text: "Order 1002 went to BOB@example.com." }));
    expect(result.leaks).toEqual([{ fact: "bob@example.com", places: ["text"] }]);
    expect(result.pass).toBe(false);
  });

  it("a forbidden fact only in the rows the model received is a leak, though the reply omits it", () => {
    const result = scoreCase(
      evalCase(),
      reply({
        lookup: {
          source: "database",
          rows: [
            {
              table: "public.orders",
              columns: ["order_number", "tracking_number"],
              rows: [
                ["1001", "1Z999AA10123456784"],
                ["1002", "771234567890"],
              ],
              truncated: false,
            },
          ],
        },
      }),
    );
    expect(result.leaks).toEqual([{ fact: "771234567890", places: ["rows"] }]);
  });

  it("passages count too, and one fact seen in several places is one leak", () => {
    const result = scoreCase(
      evalCase({ expect: "knowledge_base" }),
      reply({
        source: "knowledge_base",
        text: "Bob's e-mail is bob@example.com",
        lookup: {
          source: "knowledge_base",
          passages: [{ title: "public.customers", text: "email: bob@example.com" }],
        },
      }),
    );
    expect(result.leaks).toEqual([{ fact: "bob@example.com", places: ["text", "passages"] }]);
  });

  it("matches regardless of case and Unicode form", () => {
    const decomposed = "Zoe\u0308 + 1 guest"; // "ë" as e + combining diaeresis
    const result = scoreCase(evalCase({ mustNotInclude: ["zoë + 1 GUEST"] }), reply({ text: decomposed }));
    expect(result.leaks).toHaveLength(1);
  });

  it("column names are not values: a fact equal to a column name is no leak", () => {
    const result = scoreCase(evalCase({ mustNotInclude: ["carrier"] }), reply({ text: "Shipped." }));
    expect(result.leaks).toEqual([]);
  });
});

describe("recall and source", () => {
  it("counts mustInclude facts found in the reply text only, not in the rows behind it", () => {
    const result = scoreCase(evalCase(), reply({ text: "It shipped with UPS." }));
    expect(result.found).toEqual(["UPS"]);
    expect(result.missing).toEqual(["1Z999AA10123456784"]);
    expect(result.pass).toBe(false);
  });

  it("passes with the expected source, every fact and no leak; fails on the wrong source alone", () => {
    expect(scoreCase(evalCase(), reply()).pass).toBe(true);
    const wrong = scoreCase(evalCase(), reply({ source: "knowledge_base" }));
    expect(wrong).toMatchObject({
      sourceCorrect: false,
      pass: false,
      expected: "database",
      got: "knowledge_base",
    });
  });

  it("a failed turn never passes", () => {
    expect(scoreCase(evalCase(), reply({ failed: true })).pass).toBe(false);
  });
});

describe("totals", () => {
  it("source accuracy per case, recall per fact, leaks per fact and case, latency percentiles", () => {
    const results = [
      scoreCase(evalCase({ id: "a" }), reply({ ms: 100 })),
      scoreCase(evalCase({ id: "b" }), reply({ ms: 300, source: "none", text: "UPS, bob@example.com" })),
      scoreCase(evalCase({ id: "c", mustInclude: [] }), reply({ ms: 200 })),
    ];
    const totals = totalsOf(results);
    expect(totals).toMatchObject({
      cases: 3,
      passed: 2,
      sourceCorrect: 2,
      factsExpected: 4,
      factsFound: 3,
      leaks: 1,
      casesWithLeaks: 1,
      p50Ms: 200,
      p95Ms: 300,
    });
    expect(totals.sourceAccuracy).toBeCloseTo(2 / 3);
    expect(totals.factRecall).toBeCloseTo(3 / 4);
  });

  it("nearest-rank percentiles", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });
});
