/**
 * `pnpm security` (after `pnpm test`): how many attacks and controls each security boundary's tests
 * tried and how many held, from the Vitest JSON reports the packages wrote; exit 1 when one failed or
 * a listed test file has no results (it did not run, so it proved nothing).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BOUNDARIES } from "./boundaries.ts";
import { countBoundaries, type VitestReport } from "./count.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
const reportDirs = [
  ...new Set(BOUNDARIES.flatMap((b) => b.files.map((f) => f.split("/").slice(0, 2).join("/")))),
];
const reports: VitestReport[] = reportDirs
  .map((dir) => join(repoRoot, dir, ".test-results", "vitest.json"))
  .filter((path) => existsSync(path))
  .map((path) => JSON.parse(readFileSync(path, "utf8")) as VitestReport);

const counts = countBoundaries(BOUNDARIES, reports, repoRoot);
const width = Math.max(...counts.map((c) => c.boundary.length));
console.log(`${"boundary".padEnd(width)}  files  tried   held  failed  skipped`);
for (const c of counts) {
  console.log(
    `${c.boundary.padEnd(width)}  ${String(c.files).padStart(5)}  ${String(c.tried).padStart(5)}  ${String(c.held).padStart(5)}  ${String(c.failed.length).padStart(6)}  ${String(c.skipped).padStart(7)}`,
  );
}
const total = counts.reduce((sum, c) => ({ tried: sum.tried + c.tried, held: sum.held + c.held }), {
  tried: 0,
  held: 0,
});
console.log(`\n${total.tried} attacks and controls tried, ${total.held} held.`);
const problems = counts.flatMap((c) => [
  ...c.failed.map((name) => `failed: ${name}`),
  ...c.missing.map((file) => `not run (no report; run pnpm test first): ${file}`),
]);
for (const problem of problems) console.error(problem);
process.exitCode = problems.length > 0 ? 1 : 0;
