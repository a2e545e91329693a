import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end test starts PGlite, the local cloud and local-convex on the real backend.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
