import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report is what `pnpm security` counts (tooling/security).
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
    // The harness test starts PGlite, the local cloud and the backend, and ingests the demo rows.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
