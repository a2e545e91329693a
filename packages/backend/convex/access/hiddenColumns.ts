import type { TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "./policies";
import { appError } from "../lib/errors";

/*
 * Column-level hiding: a public or customer table's policy may name columns that never leave the
 * database for anyone but the dashboard's data grid. Every path that reads rows for the agent or the
 * knowledge base works on the table *without* them:
 *
 * - the planner and the scoped SELECT (lookup/runLookup.ts, lookup/scopedSql.ts) see a catalog without
 *   hidden columns, so they can neither return nor match on them (no "is there a customer whose
 *   national id is …" oracle); a hidden primary key makes the table page by offset, not by its key;
 * - model SQL and named lookups (lookup/modelSql.ts) read such tables through a CTE of the same name
 *   that selects only the visible columns, so `SELECT national_id` fails as an unknown column and
 *   `SELECT *` or a whole-row reference returns only what is visible;
 * - ingestion (rowBatch.ts, rowRelations.ts) writes row documents and related lines without them.
 *
 * Owner paths still use every column (the filter runs inside the database and returns nothing).
 */

export function hiddenColumnsOf(policy: AccessPolicy): ReadonlySet<string> {
  return new Set(policy.kind === "private" ? [] : (policy.hiddenColumns ?? []));
}

/** The table as readers may see it: hidden columns gone from its columns, key and foreign keys. */
export function withoutHiddenColumns(table: TableInfo, policy: AccessPolicy): TableInfo {
  const hidden = hiddenColumnsOf(policy);
  if (hidden.size === 0) return table;
  const visible = (name: string) => !hidden.has(name);
  return {
    ...table,
    columns: table.columns.filter((c) => visible(c.name)),
    primaryKey: table.primaryKey.every(visible) ? table.primaryKey : [],
    foreignKeys: table.foreignKeys.filter((fk) => fk.columns.every(visible)),
  };
}

/**
 * The problems of a policy's hidden columns on their own: each named once, and none of the columns the
 * policy itself needs to find a row's owner (a hidden owner column would make the policy unusable).
 */
export function hiddenColumnProblems(policy: AccessPolicy): { field: string; message: string }[] {
  if (policy.kind === "private" || policy.hiddenColumns === undefined) return [];
  const names = policy.hiddenColumns;
  const problems: { field: string; message: string }[] = [];
  if (names.length > 200) problems.push({ field: "policy.hiddenColumns", message: "at most 200 columns" });
  if (names.some((name) => name.trim() === "" || name.length > 128))
    problems.push({ field: "policy.hiddenColumns", message: "names must be 1 to 128 characters" });
  if (new Set(names).size !== names.length)
    problems.push({ field: "policy.hiddenColumns", message: "name each column once" });
  if (policy.kind === "customer") {
    const needed = [policy.ownerPath[0]?.column ?? policy.ownerColumn, policy.hiddenWhen].filter(
      (name): name is string => name !== undefined,
    );
    const clash = needed.find((name) => names.includes(name));
    if (clash !== undefined)
      problems.push({
        field: "policy.hiddenColumns",
        message: `${clash} decides which rows a customer owns; it cannot be hidden`,
      });
  }
  return problems;
}

export function assertHiddenColumnsValid(policy: AccessPolicy): void {
  const problems = hiddenColumnProblems(policy);
  if (problems.length > 0)
    throw appError(
      "invalid_input",
      `Check the hidden columns: ${problems.map((p) => p.message).join("; ")}.`,
      {
        fields: problems,
      },
    );
}

/** Every table of the catalog as readers may see it under its policy (`policyOf` gives private by default). */
export function visibleCatalog(
  catalog: readonly TableInfo[],
  policyOf: (table: TableInfo) => AccessPolicy,
): TableInfo[] {
  return catalog.map((table) => withoutHiddenColumns(table, policyOf(table)));
}
