import type { Connector, QueryParam, ResultColumn, Row, TableInfo } from "@answerbase/connectors";
import { appError } from "../lib/errors";
import type { Viewer } from "../access/viewer";
import type { PolicyMap } from "../access/viewer";
import { wrapModelSql } from "./modelSql";
import { clampLimit, encodeCursor, MAX_OFFSET } from "./pageCursor";

/*
 * A statement someone other than the planner wrote (an admin's named lookup, a model's SELECT), run as
 * the viewer may see it: `wrapModelSql` scopes customer tables to the verified contact, then one page
 * is cut with LIMIT/OFFSET around the whole statement:
 *
 *   SELECT * FROM (
 *   WITH "orders" AS (SELECT t.* FROM "public"."orders" AS t WHERE ... = $2) <the SELECT>
 *   ) AS "page" LIMIT 21 OFFSET 0
 *
 * Offset, not keyset: the statement's columns and order are the author's, so there is no key to
 * continue from. The statement's own ORDER BY decides the order (PostgreSQL keeps a subquery's order
 * for a plain outer SELECT *); without one, pages of a changing table may overlap. The line breaks
 * around the statement keep a trailing `-- comment` from swallowing the closing parenthesis.
 */

/** What scopes and pages any statement run for a viewer (model SQL and named lookups alike). */
export interface StatementScope {
  catalog: readonly TableInfo[];
  policies: PolicyMap;
  viewer: Viewer;
  /** Rows per page: default 20, at most 100 (larger values are capped). */
  limit?: number;
  /** `nextCursor` of the previous page of the same statement. */
  cursor?: string | null;
  timeoutMs?: number;
}

export interface StatementInput extends StatementScope {
  sql: string;
  /** Values of `$1..$n`, already typed (see bindNamedLookupArgs). */
  params: readonly QueryParam[];
  /** Binds cursors to one statement, e.g. `named:order_status` or `sql:<hash>`. */
  cursorScope: string;
}

export interface StatementPage {
  columns: ResultColumn[];
  rows: Row[];
  /** More rows follow this page. */
  truncated: boolean;
  nextCursor: string | null;
  durationMs: number;
  /** What ran, after scoping and paging: placeholders only, never a value. */
  statement: string;
}

export const STATEMENT_TIMEOUT_MS = 10_000;

function decodeOffset(cursor: string, scope: string): number {
  const invalid = () =>
    appError("invalid_input", "This cursor does not belong to this lookup; start again without it.");
  if (cursor.length > 2000) throw invalid();
  let body: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    body = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch (cause) {
    throw appError("invalid_input", `This cursor is not readable (${String(cause)}).`);
  }
  const { t, o } = (body ?? {}) as { t?: unknown; o?: unknown };
  if (t !== scope || typeof o !== "number" || !Number.isInteger(o) || o < 0 || o > MAX_OFFSET)
    throw invalid();
  return o;
}

/** The page's SQL and parameters, without running it (the save check runs it with LIMIT 0). */
export function pagedStatement(input: StatementInput, page: { limit: number; offset: number }) {
  const wrapped = wrapModelSql({
    sql: input.sql,
    params: [...input.params],
    catalog: input.catalog,
    policies: input.policies,
    viewer: input.viewer,
  });
  return {
    sql: `SELECT * FROM (\n${wrapped.sql}\n) AS "page" LIMIT ${page.limit} OFFSET ${page.offset}`,
    params: wrapped.params,
    allowedTables: wrapped.allowedTables,
  };
}

/** One page of the statement as the viewer may see it, through the connector's guard. */
export async function runStatementPage(connector: Connector, input: StatementInput): Promise<StatementPage> {
  const limit = clampLimit(input.limit);
  const offset = input.cursor ? decodeOffset(input.cursor, input.cursorScope) : 0;
  // One row more than the page tells whether another page follows.
  const select = pagedStatement(input, { limit: limit + 1, offset });
  const result = await connector.query(select.sql, select.params, {
    timeoutMs: input.timeoutMs ?? STATEMENT_TIMEOUT_MS,
    maxRows: limit + 1,
    allowedTables: select.allowedTables,
  });
  const truncated = result.rows.length > limit;
  const next = offset + limit;
  return {
    columns: result.columns,
    rows: result.rows.slice(0, limit),
    truncated,
    nextCursor: truncated && next <= MAX_OFFSET ? encodeCursor({ t: input.cursorScope, o: next }) : null,
    durationMs: result.durationMs,
    statement: select.sql,
  };
}
