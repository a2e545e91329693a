import { defineConfig, type TestUserConfig } from "vitest/config";

/**
 * Where each package's Vitest JSON report goes, relative to the package. `pnpm security`
 * (tooling/security/src/cli.ts) reads it there to count the security tests per boundary.
 */
export const VITEST_REPORT = ".test-results/vitest.json";

/**
 * The Vitest config of a workspace package: its tests under `test/`, the console reporter and the
 * JSON report (written by every package, so a security test added anywhere is counted without
 * touching its config), plus the package's own settings (timeouts, file parallelism).
 */
export function packageTestConfig(test: TestUserConfig = {}) {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      reporters: ["default", ["json", { outputFile: VITEST_REPORT }]],
      ...test,
    },
  });
}
