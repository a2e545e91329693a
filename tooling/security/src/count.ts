import type { Boundary } from "./boundaries.ts";

/** The part of a Vitest JSON report this counts. */
export interface VitestReport {
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

export interface BoundaryCount {
  boundary: string;
  files: number;
  tried: number;
  held: number;
  failed: string[];
  skipped: number;
  /** Listed files no report covers: not run, so nothing was proven. */
  missing: string[];
}

/** Per boundary: tests run, passed, failed (by name), skipped, and files without results. */
export function countBoundaries(
  boundaries: readonly Boundary[],
  reports: readonly VitestReport[],
  repoRoot: string,
): BoundaryCount[] {
  const byFile = new Map<string, VitestReport["testResults"][number]>();
  for (const report of reports) {
    for (const result of report.testResults) {
      byFile.set(
        result.name.startsWith(repoRoot) ? result.name.slice(repoRoot.length + 1) : result.name,
        result,
      );
    }
  }
  return boundaries.map(({ name, files }) => {
    const count: BoundaryCount = {
      boundary: name,
      files: files.length,
      tried: 0,
      held: 0,
      failed: [],
      skipped: 0,
      missing: [],
    };
    for (const file of files) {
      const result = byFile.get(file);
      if (result === undefined) {
        count.missing.push(file);
        continue;
      }
      for (const test of result.assertionResults) {
        if (test.status === "passed") {
          count.tried += 1;
          count.held += 1;
        } else if (test.status === "failed") {
          count.tried += 1;
          count.failed.push(`${file}: ${test.fullName}`);
        } else count.skipped += 1;
      }
    }
    return count;
  });
}
