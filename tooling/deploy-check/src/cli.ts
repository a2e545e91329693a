import path from "node:path";
import { fileURLToPath } from "node:url";
import { deployCheck, type DeployCheck } from "./deploy-check.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const USAGE = `pnpm deploy:check [--convex-dir packages/backend/convex] [--docs docs/deploy.md]`;

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = args[at + 1];
  if (value === undefined) throw new Error(`--${name} needs a value (${USAGE})`);
  return value;
}

/** Prints the checks, the variables the functions read, and every problem; exit code 1 on any. */
export function formatReport(report: DeployCheck): string {
  const lines = ["Deploy check", ""];
  const width = Math.max(...report.checks.map((c) => c.name.length));
  for (const check of report.checks)
    lines.push(`  ${check.ok ? "ok  " : "FAIL"}  ${check.name.padEnd(width)}  ${check.summary}`);
  lines.push("", "Environment variables the functions read (required: docs/deploy.md)", "");
  const nameWidth = Math.max(4, ...report.envVars.map((v) => v.name.length));
  const requiredWidth = Math.max(8, ...report.envVars.map((v) => (v.required ?? "UNDOCUMENTED").length));
  lines.push(`  ${"name".padEnd(nameWidth)}  ${"required".padEnd(requiredWidth)}  read in`);
  for (const v of report.envVars) {
    const where =
      v.readIn.length > 2
        ? `${v.readIn.slice(0, 2).join(", ")} +${v.readIn.length - 2}`
        : v.readIn.join(", ");
    lines.push(
      `  ${v.name.padEnd(nameWidth)}  ${(v.required ?? "UNDOCUMENTED").padEnd(requiredWidth)}  ${where}`,
    );
  }
  if (report.problems.length > 0) {
    lines.push("", `${report.problems.length} problem(s) a deploy would hit:`, "");
    for (const problem of report.problems) lines.push(`  ${problem.file}`, `    ${problem.message}`, "");
  } else lines.push("", "Nothing found that a deploy would reject.");
  return lines.join("\n");
}

async function main(args: string[]): Promise<void> {
  // pnpm runs root scripts from the root; relative options are relative to where the command was typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  const convexDir = path.resolve(
    base,
    option(args, "convex-dir", path.join(ROOT, "packages/backend/convex")),
  );
  const docs = path.resolve(base, option(args, "docs", path.join(ROOT, "docs/deploy.md")));
  const report = await deployCheck(convexDir, docs, ROOT);
  process.stdout.write(`${formatReport(report)}\n`);
  process.exitCode = report.problems.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(`deploy:check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
