import type { QueryParam, Row, TableInfo, TableRef } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { appError } from "../lib/errors";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import type { Viewer } from "../access/viewer";
import { quoteIdentifier } from "../access/rowScopes";
import { findTable, tableKey, verifiedKeyOf } from "../access/viewer";
import { conditionsSql, ParamList, type LookupCondition } from "./conditions";
import { ownerFilter, quoteTable } from "./ownerFilter";
import { afterKeySql, clampLimit, decodeCursor, MAX_OFFSET, nextCursorAfter, pageOrder } from "./pageCursor";

/*
 * One read-only SELECT for one table, as the viewer may see it:
 *
 *   SELECT s."id", s."order_number", ... FROM (SELECT t.* FROM "public"."orders" AS t
 *     WHERE EXISTS (... owner path ... = $1)) AS s
 *   WHERE (s."order_number" = CAST($2 AS int8)) ORDER BY s."id" LIMIT 21
 *
 * A customer table is wrapped so the owner filter applies whatever the conditions say; a public table
 * is read as it is; a private table (or a customer table for an unverified contact) is refused.
 * Identifiers come from the catalog, values are parameters, and the result is meant for
 * `connector.query(sql, params, { allowedTables })`, so the SQL guard still checks it.
 */

export interface ScopedSelectInput {
  /** Resolved against `catalog`: the catalog's spelling and columns are used, never the caller's. */
  table: TableRef;
  catalog: readonly TableInfo[];
  policy: AccessPolicy;
  viewer: Viewer;
  conditions?: readonly LookupCondition[];
  /** Columns to return (the primary key is always added); default every column. */
  columns?: readonly string[];
  /** Rows per page: default 20, at most 100 (larger values are capped). */
  limit?: number;
  /** Rows to skip (at most 10,000); not together with `cursor`. */
  offset?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface ScopedSelect {
  sql: string;
  params: QueryParam[];
  /** Pass to `connector.query`: the table and the tables its owner path reads. */
  allowedTables: TableRef[];
  /** Rows a page keeps; the SQL asks for one more to know whether another page follows. */
  limit: number;
  /** Pass as the query's `maxRows`. */
  maxRows: number;
  table: TableInfo;
  page: { orderBy: string[]; keyset: boolean; offset: number };
}

function refuseFor(table: TableInfo, policy: AccessPolicy, viewer: Viewer): void {
  if (viewer.kind === "admin" || policy.kind === "public") return;
  if (policy.kind === "private") {
    throw appError("forbidden", `${tableKey(table)} is private: lookups for a contact never read it.`);
  }
  if (verifiedKeyOf(viewer) === null) {
    throw appError(
      "forbidden",
      `${tableKey(table)} holds customers' own rows: they are read only for a verified contact.`,
    );
  }
}

export function buildScopedSelect(input: ScopedSelectInput): ScopedSelect {
  const stored = findTable(input.catalog, input.table);
  if (stored === undefined) {
    throw appError("not_found", `No table ${input.table.schema}.${input.table.name} in the database.`);
  }
  const { policy, viewer } = input;
  refuseFor(stored, policy, viewer);
  // Everything below reads, matches and pages on the visible columns only; the owner filter alone
  // (inside the database) uses the stored table.
  const table = withoutHiddenColumns(stored, policy);
  const limit = clampLimit(input.limit);
  if (input.offset !== undefined && input.cursor) {
    throw appError("invalid_input", "Give either offset or cursor, not both.");
  }
  if (
    input.offset !== undefined &&
    (!Number.isInteger(input.offset) || input.offset < 0 || input.offset > MAX_OFFSET)
  ) {
    throw appError("invalid_input", `offset must be a whole number from 0 to ${MAX_OFFSET}.`);
  }

  const params = new ParamList();
  const allowedTables: TableRef[] = [{ schema: table.schema, name: table.name }];
  let source = quoteTable(table);
  const ownerKey = verifiedKeyOf(viewer);
  if (viewer.kind === "contact" && policy.kind === "customer" && ownerKey !== null) {
    const filter = ownerFilter(stored, "t", policy, input.catalog, params.add(ownerKey));
    source = `(SELECT t.* FROM ${quoteTable(table)} AS t WHERE ${filter.sql})`;
    for (const ref of filter.pathTables) {
      if (!allowedTables.some((t) => tableKey(t) === tableKey(ref))) allowedTables.push(ref);
    }
  }

  const order = pageOrder(table);
  const where: string[] = [];
  const conditions = conditionsSql(table, "s", input.conditions ?? [], params);
  if (conditions !== null) where.push(conditions);
  let offset = input.offset ?? 0;
  if (input.cursor) {
    const position = decodeCursor(input.cursor, table, order);
    if ("after" in position) where.push(afterKeySql(order, "s", position.after, params));
    else offset = position.offset;
  }

  const wanted = input.columns ?? table.columns.map((c) => c.name);
  const unknown = wanted.filter((name) => !table.columns.some((c) => c.name === name));
  if (unknown.length > 0) {
    throw appError("invalid_input", `Table ${tableKey(table)} has no column ${unknown.join(", ")}.`);
  }
  const keyColumns = order.keyset ? order.columns.map((c) => c.name) : [];
  const selected = table.columns.filter((c) => wanted.includes(c.name) || keyColumns.includes(c.name));

  const sql = [
    `SELECT ${selected.map((c) => `s.${quoteIdentifier(c.name)}`).join(", ")}`,
    `FROM ${source} AS s`,
    where.length > 0 ? `WHERE ${where.join(" AND ")}` : "",
    order.columns.length > 0
      ? `ORDER BY ${order.columns.map((c) => `s.${quoteIdentifier(c.name)}`).join(", ")}`
      : "",
    // Validated integers, not values from the question: written out so every engine accepts them.
    `LIMIT ${limit + 1}`,
    offset > 0 ? `OFFSET ${offset}` : "",
  ]
    .filter((part) => part.length > 0)
    .join(" ");
  return {
    sql,
    params: params.values,
    allowedTables,
    limit,
    maxRows: limit + 1,
    table,
    page: { orderBy: order.columns.map((c) => c.name), keyset: order.keyset, offset },
  };
}

/** The page's rows (at most `limit`) and the cursor of the next page, or null on the last one. */
export function readPage(
  select: ScopedSelect,
  rows: readonly Row[],
): { rows: Row[]; nextCursor: string | null } {
  const kept = rows.slice(0, select.limit);
  if (rows.length <= select.limit) return { rows: kept, nextCursor: null };
  const order = pageOrder(select.table);
  return {
    rows: kept,
    nextCursor: nextCursorAfter(select.table, order, kept.at(-1), select.page.offset, select.limit),
  };
}
