import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report is what `pnpm security` counts (tooling/security).
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
    // Each test file starts its own PGlite (WASM Postgres) or creates a database on the server.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
