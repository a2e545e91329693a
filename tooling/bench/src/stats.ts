/** Percentile by nearest rank on sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  iterations: number;
  concurrency: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  opsPerSec: number;
}

/** Summarizes per-call durations (ms) measured over `wallMs` of wall-clock time. */
export function summarize(
  durationsMs: readonly number[],
  wallMs: number,
  concurrency: number,
): LatencySummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / Math.max(1, sorted.length);
  return {
    iterations: sorted.length,
    concurrency,
    meanMs: round(mean),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    opsPerSec: round((sorted.length / wallMs) * 1000),
  };
}
