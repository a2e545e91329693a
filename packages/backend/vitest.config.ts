import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests start the local cloud over PGlite (WASM Postgres) or a fresh database on TEST_DATABASE_URL.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
