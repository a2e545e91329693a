import type { api } from "@answerbase/backend/api";
import { OVERVIEW_PERIODS } from "@answerbase/backend/shared/overview";
import type { FunctionReturnType } from "convex/server";
import { formatCount } from "@/lib/format";

export type OverviewStats = FunctionReturnType<typeof api.private.overview.stats>;
export type Outcome = keyof OverviewStats["answers"]["byOutcome"];

export const PERIODS = OVERVIEW_PERIODS;
export type Period = (typeof PERIODS)[number];

/**
 * Outcomes in stacking order, each with its label and colour: the lookup sources in the chart colours
 * (globals.css), how a turn ended in the status colours; every one a different hue in both themes.
 */
export const OUTCOMES: { outcome: Outcome; label: string; fill: string; swatch: string }[] = [
  { outcome: "database", label: "Database", fill: "fill-chart-1", swatch: "bg-chart-1" },
  { outcome: "knowledge_base", label: "Knowledge base", fill: "fill-chart-2", swatch: "bg-chart-2" },
  { outcome: "none", label: "Nothing found", fill: "fill-chart-3", swatch: "bg-chart-3" },
  { outcome: "resolved", label: "Resolved", fill: "fill-success", swatch: "bg-success" },
  { outcome: "escalated", label: "Escalated", fill: "fill-warning", swatch: "bg-warning" },
  { outcome: "failed", label: "Failed", fill: "fill-destructive", swatch: "bg-destructive" },
];

export function formatMs(ms: number | null): string {
  return ms === null ? "—" : `${formatCount(Math.round(ms))} ms`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
