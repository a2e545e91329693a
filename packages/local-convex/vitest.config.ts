import { packageTestConfig } from "../../vitest.shared.ts";

// Each file starts its own server(s) on free ports; files run in parallel workers.
export default packageTestConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
