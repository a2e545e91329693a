import { performance } from "node:perf_hooks";
import { summarize } from "./stats.ts";
import type { BenchSuite, LatencyCase } from "./suite.ts";

export type CaseResult = { case: string } & Record<string, number | string>;

export interface RunOptions {
  /** Scales iterations down (e.g. 0.1) for a quick look; results say so. */
  scale?: number;
  log?: (line: string) => void;
}

/** Runs one suite's cases in order; a failing case is recorded with its error, the others still run. */
export async function runSuite<C>(suite: BenchSuite<C>, options: RunOptions = {}): Promise<CaseResult[]> {
  const log = options.log ?? (() => undefined);
  const context = await suite.setup();
  const results: CaseResult[] = [];
  try {
    for (const benchCase of suite.cases) {
      log(`  running ${benchCase.name}…`);
      try {
        if (benchCase.kind === "custom")
          results.push({ case: benchCase.name, ...(await benchCase.measure(context)) });
        else
          results.push({
            case: benchCase.name,
            ...(await runLatencyCase(benchCase, context, options.scale ?? 1)),
          });
      } catch (error) {
        results.push({ case: benchCase.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    await suite.teardown?.(context);
  }
  return results;
}

async function runLatencyCase<C>(benchCase: LatencyCase<C>, context: C, scale: number) {
  const iterations = Math.max(1, Math.round(benchCase.iterations * scale));
  const concurrency = Math.max(1, benchCase.concurrency ?? 1);
  const warmup = benchCase.warmup ?? Math.max(1, Math.round(iterations * 0.05));
  for (let i = 0; i < warmup; i++) await benchCase.run(context);

  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < iterations) {
      next++;
      const start = performance.now();
      await benchCase.run(context);
      durations.push(performance.now() - start);
    }
  };
  const wallStart = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const summary = summarize(durations, performance.now() - wallStart, concurrency);
  const target = benchCase.target;
  const targetText = target?.p95Ms
    ? `p95 < ${target.p95Ms} ms`
    : target?.meanMs
      ? `mean < ${target.meanMs} ms`
      : "";
  const met = target?.p95Ms
    ? summary.p95Ms < target.p95Ms
    : target?.meanMs
      ? summary.meanMs < target.meanMs
      : undefined;
  return { ...summary, ...(targetText ? { target: targetText, met: met ? "yes" : "NO" } : {}) };
}
