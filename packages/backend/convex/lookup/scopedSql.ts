import type { QueryParam, Row, TableInfo, TableRef } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { appError } from "../lib/errors";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import type { Viewer } from "../access/viewer";
import { quoteIdentifier } from "../access/rowScopes";
import { findTable, policyOf, tableKey, verifiedKeyOf, type PolicyMap } from "../access/viewer";
import { displayJoins } from "./displayJoins";
import { conditionsSql, ParamList, referenceSteps, type LookupCondition } from "./conditions";
import { isOwnerStep, ownerStep } from "./ownerStep";
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
  /**
   * Every table's policy: with it, foreign keys to tables the viewer may read whole come with the
   * referenced row's name (lookup/displayJoins.ts). Without it, the table's own columns only.
   */
  policies?: PolicyMap;
  /** Columns to return (the primary key is always added); default every column. */
  columns?: readonly string[];
  /**
   * Rows in this column's order first ("my next appointment": soonest first), then the page order;
   * pages then continue by offset (a key alone no longer says where a page ends).
   */
  sortBy?: RowSort;
  /** Rows per page: default 20, at most 100 (larger values are capped). */
  limit?: number;
  /** Rows to skip (at most 10,000); not together with `cursor`. */
  offset?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface RowSort {
  column: string;
  direction: "asc" | "desc";
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
  /** The result's columns in order: the table's, each joined name right after its foreign key. */
  columns: string[];
  /** Joined name column → the foreign key it stands for. */
  namesFor: Record<string, string>;
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

  const keyOrder = pageOrder(table);
  const sort = input.sortBy === undefined ? undefined : sortColumn(table, input.sortBy);
  const order = sort === undefined ? keyOrder : { columns: keyOrder.columns, keyset: false };
  const where: string[] = [];
  const referenced = readableReferences(input, allowedTables);
  const conditions = conditionsSql(table, "s", input.conditions ?? [], params, referenced);
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
  const joins =
    input.policies === undefined
      ? []
      : displayJoins(table, policy, input.catalog, input.policies, viewer, "s").filter((join) =>
          selected.some((c) => c.name === join.foreignKey),
        );
  for (const join of joins) {
    if (!allowedTables.some((t) => tableKey(t) === tableKey(join.table))) allowedTables.push(join.table);
  }
  const columns = selected.flatMap((c) => [
    c.name,
    ...joins.filter((join) => join.foreignKey === c.name).map((join) => join.alias),
  ]);

  const sql = [
    `SELECT ${[...selected.map((c) => `s.${quoteIdentifier(c.name)}`), ...joins.map((j) => j.select)].join(", ")}`,
    `FROM ${source} AS s`,
    ...joins.map((join) => join.sql),
    where.length > 0 ? `WHERE ${where.join(" AND ")}` : "",
    orderBySql(order.columns, sort),
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
    columns,
    namesFor: Object.fromEntries(joins.map((join) => [join.alias, join.foreignKey])),
    page: { orderBy: order.columns.map((c) => c.name), keyset: order.keyset, offset },
  };
}

/**
 * The tables `via` conditions filter through, as the viewer may see them: a contact only through public
 * tables (and never on a hidden column) or through the row their own row belongs to (lookup/ownerStep.ts:
 * "Amara's sessions" for Amara's guardian), the admin through any. Each is added to `allowedTables`.
 */
function readableReferences(input: ScopedSelectInput, allowedTables: TableRef[]): TableInfo[] {
  const owner =
    input.policies === undefined
      ? null
      : ownerStep(input.policy, input.catalog, input.policies, input.viewer);
  return referenceSteps(input.conditions ?? []).map((step) => {
    const ref = step.table;
    const stored = findTable(input.catalog, ref);
    if (stored === undefined)
      throw appError("not_found", `No table ${ref.schema}.${ref.name} in the database.`);
    if (!allowedTables.some((t) => tableKey(t) === tableKey(stored))) {
      allowedTables.push({ schema: stored.schema, name: stored.name });
    }
    if (owner !== null && isOwnerStep(step, owner)) return owner.target;
    const policy = input.policies === undefined ? undefined : policyOf(input.policies, stored);
    if (input.viewer.kind !== "admin" && policy?.kind !== "public") {
      throw appError("forbidden", `${tableKey(stored)} is not public: a lookup cannot filter through it.`);
    }
    return policy === undefined ? stored : withoutHiddenColumns(stored, policy);
  });
}

function sortColumn(table: TableInfo, sort: RowSort): RowSort {
  if (!table.columns.some((c) => c.name === sort.column)) {
    throw appError("invalid_input", `Table ${tableKey(table)} has no column ${sort.column}.`);
  }
  if (sort.direction !== "asc" && sort.direction !== "desc") {
    throw appError("invalid_input", `Sort direction must be asc or desc.`);
  }
  return sort;
}

function orderBySql(columns: readonly { name: string }[], sort: RowSort | undefined): string {
  const parts = columns.map((c) => `s.${quoteIdentifier(c.name)}`);
  if (sort !== undefined) {
    // Rows without a value say nothing about "next" or "biggest": last either way.
    parts.unshift(
      `s.${quoteIdentifier(sort.column)} ${sort.direction === "asc" ? "ASC" : "DESC"} NULLS LAST`,
    );
  }
  return parts.length > 0 ? `ORDER BY ${parts.join(", ")}` : "";
}

/** The page's rows (at most `limit`) and the cursor of the next page, or null on the last one. */
export function readPage(
  select: ScopedSelect,
  rows: readonly Row[],
): { rows: Row[]; nextCursor: string | null } {
  const kept = rows.slice(0, select.limit);
  if (rows.length <= select.limit) return { rows: kept, nextCursor: null };
  const order = { ...pageOrder(select.table), keyset: select.page.keyset };
  return {
    rows: kept,
    nextCursor: nextCursorAfter(select.table, order, kept.at(-1), select.page.offset, select.limit),
  };
}
