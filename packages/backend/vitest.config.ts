import { packageTestConfig } from "../../vitest.shared.ts";

// Tests start the local cloud over PGlite (WASM Postgres) or a fresh database on TEST_DATABASE_URL.
export default packageTestConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
