import { packageTestConfig } from "../../vitest.shared.ts";

// The end-to-end test starts PGlite, the local cloud and local-convex on the real backend.
export default packageTestConfig({ testTimeout: 90_000, hookTimeout: 90_000 });
