import { packageTestConfig } from "../../vitest.shared.ts";

// Each test file starts its own PGlite (WASM Postgres) or creates a database on the server.
export default packageTestConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
