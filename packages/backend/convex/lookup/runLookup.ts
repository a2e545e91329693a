"use node";

import type { Connector, Row, TableInfo, TableRef } from "@answerbase/connectors";
import { isConnectorError } from "@answerbase/connectors";
import { isAppError, type AppErrorCode } from "../lib/errors";
import type { Viewer } from "../access/viewer";
import type { PolicyMap } from "../access/viewer";
import { matchNamedLookups, namedLookupLabel, runNamedLookup, type NamedLookupDefinition } from "./named/run";
import type { LookupCondition } from "./conditions";
import { planLookup, type LookupCandidate } from "./plan";
import type { Clock } from "./timeFrame";
import { buildScopedSelect, readPage, type ScopedSelect } from "./scopedSql";

/*
 * The database half of answering a question: plan, then run the best candidates' scoped SELECTs in
 * parallel through the connector (so its guard, read-only transaction and timeout apply). A candidate
 * whose word refinements leave no row is run again with any one of them, then (when all its rows are a
 * fair answer) without them. Failures are data, per candidate,
 * so one bad table does not hide the others' rows.
 */

export const LOOKUP_TIMEOUT_MS = 10_000;

export type CandidateOutcome =
  | {
      kind: "rows";
      rows: Row[];
      nextCursor: string | null;
      refined: boolean;
      durationMs: number;
      /** The rows' columns in order when they are not the table's own (joined names). */
      columns?: string[];
      /** Joined name column → the foreign key it stands for ("instructor" → "instructor_id"). */
      namesFor?: Record<string, string>;
    }
  | { kind: "failed"; code: AppErrorCode; message: string };

export interface TableRows {
  candidate: LookupCandidate;
  table: TableRef;
  outcome: CandidateOutcome;
}

/** An admin's named lookup the planner matched: its rows carry the lookup's name, not a table's. */
export interface NamedLookupRows {
  named: { name: string; args: Record<string, string> };
  /** e.g. `order_status (named lookup)`. */
  label: string;
  /** The statement's result columns, in order. */
  columns: string[];
  outcome: CandidateOutcome;
}

export type LookupRows = TableRows | NamedLookupRows;

/** The label a result's rows are shown under: `schema.table`, or the named lookup's. */
export function resultLabel(result: LookupRows): string {
  return "named" in result ? result.label : `${result.table.schema}.${result.table.name}`;
}

/** The columns a result can hold, in order. */
export function resultColumns(result: LookupRows): string[] {
  if ("named" in result) return result.columns;
  if (result.outcome.kind === "rows" && result.outcome.columns !== undefined) return result.outcome.columns;
  return result.candidate.table.columns.map((c) => c.name);
}

export interface RunLookupInput {
  question: string;
  catalog: readonly TableInfo[];
  policies: PolicyMap;
  viewer: Viewer;
  /** Candidates queried (default 3). */
  candidates?: number;
  /** Rows per candidate (default 20, at most 100). */
  limit?: number;
  /** Now and the organization's time zone ("my next appointment"); default now in UTC. */
  clock?: Clock;
  timeoutMs?: number;
}

async function execute(connector: Connector, select: ScopedSelect, timeoutMs: number) {
  const result = await connector.query(select.sql, select.params, {
    timeoutMs,
    maxRows: select.maxRows,
    allowedTables: select.allowedTables,
  });
  return {
    ...readPage(select, result.rows),
    durationMs: result.durationMs,
    columns: select.columns,
    namesFor: select.namesFor,
  };
}

export async function runCandidate(
  connector: Connector,
  input: RunLookupInput,
  candidate: LookupCandidate,
): Promise<CandidateOutcome> {
  const timeoutMs = input.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  const run = (refinements: LookupCondition[], selection = candidate.selection) =>
    execute(
      connector,
      buildScopedSelect({
        table: candidate.table,
        catalog: input.catalog,
        policy: candidate.policy,
        policies: input.policies,
        viewer: input.viewer,
        conditions: [...candidate.conditions, ...(selection?.conditions ?? []), ...refinements],
        ...(selection !== undefined && { sortBy: selection.sortBy }),
        limit:
          selection === undefined ? input.limit : Math.min(selection.limit, input.limit ?? selection.limit),
      }),
      timeoutMs,
    );
  try {
    const every = candidate.refinements;
    const first = await run(every);
    if (first.rows.length > 0) return { kind: "rows", ...first, refined: every.length > 0 };
    // Nothing on the asked day, which is still to come: the first row after it.
    const later = candidate.selection?.otherwise;
    if (later !== undefined) {
      const next = await run(every, later);
      if (next.rows.length > 0)
        return {
          kind: "rows",
          ...next,
          refined: every.length > 0,
          durationMs: first.durationMs + next.durationMs,
        };
    }
    if (every.length === 0) return { kind: "rows", ...first, refined: false };
    let durationMs = first.durationMs;
    // Every word at once found nothing ("the Seattle flagship … on Sunday": no store's name holds
    // "sunday"): rows holding any one of them are still about the question.
    if (every.length > 1) {
      const any = await run([anyOfConditions(every)]);
      durationMs += any.durationMs;
      if (any.rows.length > 0) return { kind: "rows", ...any, refined: true, durationMs };
    }
    // Without the refinements every row of the table the viewer may see comes back: fair for "my
    // orders", a guess for a public table the question only touched through a column's name.
    if (!candidate.broadAnswer) return { kind: "rows", ...first, refined: true, durationMs };
    const broad = await run([]);
    return { kind: "rows", ...broad, refined: false, durationMs: durationMs + broad.durationMs };
  } catch (error) {
    return asFailure(error);
  }
}

/** One OR group of every comparison of `conditions` (each refinement is itself an OR over columns). */
function anyOfConditions(conditions: LookupCondition[]): LookupCondition {
  return { anyOf: conditions.flatMap((c) => ("anyOf" in c ? c.anyOf : [c])) };
}

function asFailure(error: unknown): CandidateOutcome {
  if (isAppError(error)) return { kind: "failed", code: error.data.code, message: error.data.message };
  if (isConnectorError(error)) return { kind: "failed", code: error.code, message: error.message };
  throw error;
}

/**
 * Plans `question` and runs the top candidates in parallel; when none of them has a row, the next ones
 * (a product named in the question may sit in the fourth table with a `name` column). Results in the
 * plan's order.
 */
export async function runLookup(connector: Connector, input: RunLookupInput): Promise<TableRows[]> {
  const wave = input.candidates ?? 3;
  const clock = input.clock ?? { now: Date.now(), timeZone: "UTC" };
  const plan = planLookup(input.question, input.catalog, input.policies, input.viewer, {
    limit: wave * 2,
    clock,
  });
  const run = (candidates: LookupCandidate[]) =>
    Promise.all(
      candidates.map(async (candidate) => ({
        candidate,
        table: { schema: candidate.table.schema, name: candidate.table.name },
        outcome: await runCandidate(connector, input, candidate),
      })),
    );
  const first = await run(plan.slice(0, wave));
  const found = first.some((r) => r.outcome.kind === "rows" && r.outcome.rows.length > 0);
  return found || plan.length <= wave ? first : [...first, ...(await run(plan.slice(wave)))];
}

export interface RunNamedLookupsInput extends Omit<RunLookupInput, "candidates" | "limit"> {
  lookups: readonly NamedLookupDefinition[];
  /** Matched lookups run (default 2). */
  max?: number;
}

/**
 * The named lookups the question fills (`matchNamedLookups`), best first, run in parallel as the
 * viewer may see them. A failure (e.g. a customer lookup for an unverified visitor) is data.
 */
export async function runNamedLookups(
  connector: Connector,
  input: RunNamedLookupsInput,
): Promise<NamedLookupRows[]> {
  const matches = matchNamedLookups(input.question, input.lookups).slice(0, input.max ?? 2);
  return Promise.all(
    matches.map(async ({ lookup, args }): Promise<NamedLookupRows> => {
      const named = { name: lookup.name, args };
      const label = namedLookupLabel(lookup.name);
      try {
        const page = await runNamedLookup(connector, {
          lookup,
          args,
          catalog: input.catalog,
          policies: input.policies,
          viewer: input.viewer,
          timeoutMs: input.timeoutMs ?? LOOKUP_TIMEOUT_MS,
        });
        const outcome: CandidateOutcome = {
          kind: "rows",
          rows: page.rows,
          nextCursor: page.nextCursor,
          refined: false,
          durationMs: page.durationMs,
        };
        return { named, label, columns: page.columns.map((c) => c.name), outcome };
      } catch (error) {
        return { named, label, columns: [], outcome: asFailure(error) };
      }
    }),
  );
}
