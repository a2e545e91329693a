export { defineSuite, type BenchSuite, type BenchCase, type LatencyCase, type CustomCase } from "./suite.ts";
export { percentile } from "./stats.ts";
