import { describe, expect, it } from "vitest";
import { formatTable } from "../src/report.ts";
import { runSuite } from "../src/run-suite.ts";
import { percentile, summarize } from "../src/stats.ts";
import { defineSuite } from "../src/suite.ts";

describe("stats", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it("derives throughput from wall time, not the sum of latencies", () => {
    const summary = summarize([10, 10, 10, 10], 20, 2);
    expect(summary.opsPerSec).toBe(200);
    expect(summary.meanMs).toBe(10);
  });
});

describe("runSuite", () => {
  it("runs latency and custom cases, records a failing case and still tears down", async () => {
    let calls = 0;
    let tornDown = false;
    const suite = defineSuite({
      name: "demo",
      description: "test",
      setup: () => Promise.resolve({ step: 1 }),
      teardown: () => {
        tornDown = true;
        return Promise.resolve();
      },
      cases: [
        {
          kind: "latency",
          name: "count",
          iterations: 20,
          warmup: 2,
          concurrency: 4,
          run: (c) => Promise.resolve(void (calls += c.step)),
        },
        { kind: "custom", name: "rows", measure: () => Promise.resolve({ rowsPerSec: 1234 }) },
        { kind: "custom", name: "broken", measure: () => Promise.reject(new Error("no database")) },
      ],
    });
    const results = await runSuite(suite);
    expect(calls).toBe(22);
    expect(results[0]).toMatchObject({ case: "count", iterations: 20, concurrency: 4 });
    expect(results[1]).toEqual({ case: "rows", rowsPerSec: 1234 });
    expect(results[2]).toEqual({ case: "broken", error: "no database" });
    expect(tornDown).toBe(true);
    expect(formatTable(results).split("\n")[0]).toMatch(/^case\s+iterations/);
  });
});
