import type { Connector, Row, TableInfo, TableRef } from "@answerbase/connectors";
import { isConnectorError } from "@answerbase/connectors";
import { isAppError, type AppErrorCode } from "../errors";
import type { Viewer } from "../knowledgeSearch";
import type { PolicyMap } from "./access";
import { planLookup, type LookupCandidate } from "./plan";
import { buildScopedSelect, readPage, type ScopedSelect } from "./scopedSql";

/*
 * The database half of answering a question: plan, then run the best candidates' scoped SELECTs in
 * parallel through the connector (so its guard, read-only transaction and timeout apply). A candidate
 * whose word refinements leave no row is run once more without them. Failures are data, per candidate,
 * so one bad table does not hide the others' rows.
 */

export const LOOKUP_TIMEOUT_MS = 10_000;

export type CandidateOutcome =
  | { kind: "rows"; rows: Row[]; nextCursor: string | null; refined: boolean; durationMs: number }
  | { kind: "failed"; code: AppErrorCode; message: string };

export interface LookupResult {
  candidate: LookupCandidate;
  table: TableRef;
  outcome: CandidateOutcome;
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
  timeoutMs?: number;
}

async function execute(connector: Connector, select: ScopedSelect, timeoutMs: number) {
  const result = await connector.query(select.sql, select.params, {
    timeoutMs,
    maxRows: select.maxRows,
    allowedTables: select.allowedTables,
  });
  return { ...readPage(select, result.rows), durationMs: result.durationMs };
}

async function runCandidate(
  connector: Connector,
  input: RunLookupInput,
  candidate: LookupCandidate,
): Promise<CandidateOutcome> {
  const timeoutMs = input.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  const build = (refined: boolean) =>
    buildScopedSelect({
      table: candidate.table,
      catalog: input.catalog,
      policy: candidate.policy,
      viewer: input.viewer,
      conditions: refined ? [...candidate.conditions, ...candidate.refinements] : candidate.conditions,
      limit: input.limit,
    });
  try {
    const refined = candidate.refinements.length > 0;
    const first = await execute(connector, build(refined), timeoutMs);
    if (first.rows.length > 0 || !refined) return { kind: "rows", ...first, refined };
    const broad = await execute(connector, build(false), timeoutMs);
    return { kind: "rows", ...broad, refined: false, durationMs: first.durationMs + broad.durationMs };
  } catch (error) {
    if (isAppError(error)) return { kind: "failed", code: error.data.code, message: error.data.message };
    if (isConnectorError(error)) return { kind: "failed", code: error.code, message: error.message };
    throw error;
  }
}

/** Plans `question` and runs the top candidates in parallel; results in the plan's order. */
export async function runLookup(connector: Connector, input: RunLookupInput): Promise<LookupResult[]> {
  const plan = planLookup(input.question, input.catalog, input.policies, input.viewer, {
    limit: input.candidates ?? 3,
  });
  return Promise.all(
    plan.map(async (candidate) => ({
      candidate,
      table: { schema: candidate.table.schema, name: candidate.table.name },
      outcome: await runCandidate(connector, input, candidate),
    })),
  );
}
