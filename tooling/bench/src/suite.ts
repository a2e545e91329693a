/**
 * A benchmark suite: one file `bench/<name>.bench.ts` in a package, default-exporting `defineSuite(...)`.
 * `pnpm bench` finds and runs every suite; `pnpm bench <name>` runs one.
 */
export interface BenchSuite<Context = unknown> {
  /** Short, unique, used on the command line and as the results folder name. */
  name: string;
  description: string;
  setup(): Promise<Context>;
  teardown?(context: Context): Promise<void>;
  cases: BenchCase<Context>[];
}

/** Timed repeatedly: latency percentiles and throughput over `iterations` calls. */
export interface LatencyCase<Context> {
  kind: "latency";
  name: string;
  iterations: number;
  /** Calls in flight at once (default 1). */
  concurrency?: number;
  /** Untimed calls first (default: 5% of iterations, at least 1). */
  warmup?: number;
  /** What the issue asks for, printed next to the measurement (e.g. `{ p95Ms: 200 }`). */
  target?: { p95Ms?: number; meanMs?: number };
  run(context: Context): Promise<void>;
}

/** Measured once by the case itself (e.g. rows per second of a bulk load). */
export interface CustomCase<Context> {
  kind: "custom";
  name: string;
  measure(context: Context): Promise<Record<string, number | string>>;
}

export type BenchCase<Context> = LatencyCase<Context> | CustomCase<Context>;

export function defineSuite<Context>(suite: BenchSuite<Context>): BenchSuite<Context> {
  return suite;
}
