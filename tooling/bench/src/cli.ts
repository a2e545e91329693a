/**
 * `pnpm bench [suite ...] [--quick]`: runs benchmark suites, prints a table per suite and writes one
 * JSON file per suite to bench-results/ (git-ignored) so runs can be compared.
 */
import { fileURLToPath } from "node:url";
import { discoverSuites } from "./discover.ts";
import { formatTable, writeReport } from "./report.ts";
import { runSuite } from "./run-suite.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const wanted = args.filter((a) => !a.startsWith("--"));

const all = await discoverSuites(repoRoot);
const unknown = wanted.filter((name) => !all.some((f) => f.suite.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark suite: ${unknown.join(", ")}. Available: ${all.map((f) => f.suite.name).join(", ")}`,
  );
  process.exit(2);
}
// Benches that measure the engine on more data than one Convex function may touch run with
// LOCAL_CONVEX_LIMITS=relaxed (packages/local-convex/src/limits); their output and JSON say so.
const relaxed =
  process.env.LOCAL_CONVEX_LIMITS === "relaxed" ? "  [LOCAL_CONVEX_LIMITS=relaxed: Convex limits off]" : "";
const selected = wanted.length > 0 ? all.filter((f) => wanted.includes(f.suite.name)) : all;
let failed = false;
for (const { suite, file } of selected) {
  console.log(
    `\n== ${suite.name} (${file})\n   ${suite.description}${quick ? "  [quick: 10% of iterations]" : ""}${relaxed}`,
  );
  const date = new Date().toISOString();
  const results = await runSuite(suite, { scale: quick ? 0.1 : 1, log: (line) => console.log(line) });
  console.log(`\n${formatTable(results)}`);
  const path = await writeReport(
    `${repoRoot}bench-results`,
    { suite: suite.name, description: suite.description + relaxed, date, scale: quick ? 0.1 : 1, results },
    repoRoot,
  );
  console.log(`\nwrote ${path}`);
  failed ||= results.some((r) => "error" in r);
}
// Suites may leave pools or servers behind on failure; the process is done either way.
process.exit(failed ? 1 : 0);
