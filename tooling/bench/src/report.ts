import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import type { CaseResult } from "./run-suite.ts";

/** What was measured where: enough to tell whether two result files can be compared. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

function gitCommit(cwd: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return undefined; // not a git checkout (or no commits yet): the result simply has no commit
  }
}

/** Renders rows as an aligned text table with the union of their columns. */
export function formatTable(rows: readonly CaseResult[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => (row[c] === undefined ? "" : String(row[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

export interface SuiteReport {
  suite: string;
  description: string;
  date: string;
  commit?: string | undefined;
  scale: number;
  machine: ReturnType<typeof machineInfo>;
  results: CaseResult[];
}

/** Writes `<resultsDir>/<suite>/<timestamp>.json` and returns its path. */
export async function writeReport(
  resultsDir: string,
  report: Omit<SuiteReport, "machine" | "commit">,
  repoRoot: string,
) {
  const full: SuiteReport = { ...report, commit: gitCommit(repoRoot), machine: machineInfo() };
  const dir = join(resultsDir, report.suite);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify(full, null, 2) + "\n");
  return file;
}
