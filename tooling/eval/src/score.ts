import type { LookupResult } from "@answerbase/models/language";
import type { AgentReply, Source } from "./agent.ts";
import type { EvalCase } from "./cases.ts";

/** Where a forbidden fact was seen: in the reply, or in what the lookup handed to the model. */
export type LeakPlace = "text" | "rows" | "passages" | "note";

export interface CaseResult {
  id: string;
  tags: string[];
  expected: Source;
  got: Source;
  sourceCorrect: boolean;
  /** mustInclude facts found in the reply text, and those missing. */
  found: string[];
  missing: string[];
  leaks: { fact: string; places: LeakPlace[] }[];
  ms: number;
  /** Right source, every fact, no leak, and the turn did not fail. */
  pass: boolean;
  status: AgentReply["status"];
  /** The turn failed and the customer got the apology. */
  failed: boolean;
  /** The backend refused the question before the agent ran (an empty message). */
  refused?: AgentReply["refused"];
  timings: AgentReply["timings"];
  text: string;
  lookup: AgentReply["lookup"];
  /** Set when the question could not be asked at all (the backend threw something unexpected). */
  error?: string;
}

export interface Totals {
  cases: number;
  passed: number;
  sourceCorrect: number;
  /** Share of cases whose source was the expected one. */
  sourceAccuracy: number;
  factsExpected: number;
  factsFound: number;
  /** mustInclude facts found over all mustInclude facts (1 when no case lists any). */
  factRecall: number;
  /** Forbidden facts seen, counted once per case and fact. Must be 0. */
  leaks: number;
  casesWithLeaks: number;
  /** Turns that failed (the customer got the apology) or could not be run. */
  errors: number;
  p50Ms: number;
  p95Ms: number;
}

/** Lower case and one Unicode form, so "Zoë" typed either way is the same fact. */
const normalize = (text: string) => text.normalize("NFC").toLowerCase();
const contains = (haystack: string, fact: string) => normalize(haystack).includes(normalize(fact));

/** Every value of a lookup result that reached the model (cells, passages, the note), by place. */
export function lookupTexts(lookup: LookupResult | null): { place: LeakPlace; text: string }[] {
  if (lookup === null) return [];
  return [
    ...(lookup.rows ?? []).flatMap((set) =>
      set.rows.flat().map((cell) => ({ place: "rows" as const, text: cell === null ? "" : String(cell) })),
    ),
    ...(lookup.passages ?? []).flatMap((passage) => [
      { place: "passages" as const, text: passage.title },
      { place: "passages" as const, text: passage.text },
    ]),
    ...(lookup.note === undefined ? [] : [{ place: "note" as const, text: lookup.note }]),
  ];
}

/**
 * Scores one reply. Recall looks at the reply text only (what the customer reads); a leak is a
 * forbidden fact anywhere the model could read it, because a model may repeat any of it.
 */
export function scoreCase(evalCase: EvalCase, reply: AgentReply): CaseResult {
  const found = evalCase.mustInclude.filter((fact) => contains(reply.text, fact));
  const missing = evalCase.mustInclude.filter((fact) => !found.includes(fact));
  const seen = lookupTexts(reply.lookup);
  const leaks = evalCase.mustNotInclude.flatMap((fact) => {
    const places = new Set<LeakPlace>();
    if (contains(reply.text, fact)) places.add("text");
    for (const { place, text } of seen) if (contains(text, fact)) places.add(place);
    return places.size === 0 ? [] : [{ fact, places: [...places] }];
  });
  const sourceCorrect = reply.source === evalCase.expect;
  return {
    id: evalCase.id,
    tags: evalCase.tags,
    expected: evalCase.expect,
    got: reply.source,
    sourceCorrect,
    found,
    missing,
    leaks,
    ms: Math.round(reply.ms * 10) / 10,
    pass: sourceCorrect && missing.length === 0 && leaks.length === 0 && !reply.failed,
    status: reply.status,
    failed: reply.failed,
    ...(reply.refused === undefined ? {} : { refused: reply.refused }),
    timings: reply.timings,
    text: reply.text,
    lookup: reply.lookup,
  };
}

/** A question the agent could not answer at all: wrong source, every fact missing, no leak seen. */
export function failedCase(evalCase: EvalCase, error: unknown, ms: number): CaseResult {
  return {
    id: evalCase.id,
    tags: evalCase.tags,
    expected: evalCase.expect,
    got: "none",
    sourceCorrect: false,
    found: [],
    missing: [...evalCase.mustInclude],
    leaks: [],
    ms: Math.round(ms * 10) / 10,
    pass: false,
    status: null,
    failed: true,
    timings: null,
    text: "",
    lookup: null,
    error: error instanceof Error ? error.message : String(error),
  };
}

/** Nearest-rank percentile (p in 0..100) of the values; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function totalsOf(results: CaseResult[]): Totals {
  const factsExpected = results.reduce((sum, r) => sum + r.found.length + r.missing.length, 0);
  const factsFound = results.reduce((sum, r) => sum + r.found.length, 0);
  const sourceCorrect = results.filter((r) => r.sourceCorrect).length;
  // Latency of answered questions: a refusal or a crash says nothing about answering speed.
  const ms = results.filter((r) => !r.failed && r.refused === undefined).map((r) => r.ms);
  return {
    cases: results.length,
    passed: results.filter((r) => r.pass).length,
    sourceCorrect,
    sourceAccuracy: results.length === 0 ? 0 : sourceCorrect / results.length,
    factsExpected,
    factsFound,
    factRecall: factsExpected === 0 ? 1 : factsFound / factsExpected,
    leaks: results.reduce((sum, r) => sum + r.leaks.length, 0),
    casesWithLeaks: results.filter((r) => r.leaks.length > 0).length,
    errors: results.filter((r) => r.failed).length,
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
  };
}

/** Totals per tag, for seeing which kind of question fails. */
export function totalsByTag(results: CaseResult[]): Record<string, Totals> {
  const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
  return Object.fromEntries(tags.map((tag) => [tag, totalsOf(results.filter((r) => r.tags.includes(tag)))]));
}
