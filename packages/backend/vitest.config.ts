import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report is what `pnpm security` counts (tooling/security).
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
    // Tests start the local cloud over PGlite (WASM Postgres) or a fresh database on TEST_DATABASE_URL.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
