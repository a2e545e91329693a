import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report is what `pnpm security` counts (tooling/security).
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
  },
});
