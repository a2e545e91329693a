import { packageTestConfig } from "../../vitest.shared.ts";

// The harness test starts PGlite, the local cloud and the backend, and ingests the demo rows.
export default packageTestConfig({ testTimeout: 120_000, hookTimeout: 180_000 });
