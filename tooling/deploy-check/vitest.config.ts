import { packageTestConfig } from "../../vitest.shared.ts";

// Bundling the whole backend twice (default runtime and Node) takes a while on a loaded machine.
export default packageTestConfig({ testTimeout: 120_000 });
