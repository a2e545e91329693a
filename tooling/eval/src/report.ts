import type { EvalReport } from "./run-eval.ts";
import type { CaseResult, Totals } from "./score.ts";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const ms = (value: number) => `${Math.round(value)} ms`;

/** One progress line per case: verdict, id, expected/got source, recall, leaks, latency. */
export function caseLine(result: CaseResult, index: number, total: number, idWidth = 30): string {
  const position = `${String(index + 1).padStart(String(total).length)}/${total}`;
  const facts = result.found.length + result.missing.length;
  const parts = [
    position,
    result.pass ? "PASS" : "FAIL",
    result.id.padEnd(idWidth),
    `source ${result.expected}/${result.got}`.padEnd(38),
    `recall ${facts === 0 ? "-" : `${result.found.length}/${facts}`}`.padEnd(11),
    `leaks ${result.leaks.length}`.padEnd(8),
    ms(result.ms).padStart(8),
  ];
  const notes = [
    ...(result.error === undefined ? [] : [`error: ${result.error}`]),
    ...(result.refused === undefined ? [] : [`refused (${result.refused.code}): ${result.refused.message}`]),
    ...(result.failed && result.error === undefined ? ["the turn failed (apology sent)"] : []),
    ...result.missing.map((fact) => `missing "${fact}"`),
    ...result.leaks.map((leak) => `LEAK "${leak.fact}" in ${leak.places.join("+")}`),
  ];
  return notes.length === 0 ? parts.join("  ") : `${parts.join("  ")}\n      ${notes.join("; ")}`;
}

export function totalsLines(totals: Totals): string[] {
  return [
    `cases            ${totals.cases} (${totals.passed} passed${totals.errors > 0 ? `, ${totals.errors} errors` : ""})`,
    `source accuracy  ${percent(totals.sourceAccuracy)} (${totals.sourceCorrect}/${totals.cases})`,
    `fact recall      ${percent(totals.factRecall)} (${totals.factsFound}/${totals.factsExpected})`,
    `leaks            ${totals.leaks}${totals.leaks > 0 ? ` in ${totals.casesWithLeaks} cases` : ""}`,
    `latency          p50 ${ms(totals.p50Ms)}, p95 ${ms(totals.p95Ms)}`,
  ];
}

/** The summary after the case lines: run settings, totals, and a row per tag. */
export function summary(report: EvalReport): string {
  const tags = Object.entries(report.byTag).map(
    ([tag, t]) =>
      `  ${tag.padEnd(18)} ${String(t.cases).padStart(3)} cases  source ${percent(t.sourceAccuracy).padStart(6)}` +
      `  recall ${percent(t.factRecall).padStart(6)}  leaks ${t.leaks}`,
  );
  return [
    "",
    `agent system/playground:ask, language model ${report.languageModel}, embedding model ${report.embeddingModel}`,
    `database ${report.database} through ${report.provider}; documents ${report.documentsDir ?? "none"}; ` +
      `rows ingested: ${report.ingested ? "yes" : "no"}; setup ${(report.setupMs / 1000).toFixed(1)} s`,
    "",
    ...totalsLines(report.totals),
    "",
    "by tag",
    ...tags,
  ].join("\n");
}
