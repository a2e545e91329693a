import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own server(s) on free ports; files run in parallel workers.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
