import { packageTestConfig } from "../../vitest.shared.ts";

// Not part of `pnpm test` (no `test` script): installing n8n takes minutes. `pnpm test:n8n` runs it.
export default packageTestConfig({
  fileParallelism: false,
  testTimeout: 120_000,
  // The first run installs n8n (~8 minutes, 1.6 GB); later runs find it installed.
  hookTimeout: 1_200_000,
});
