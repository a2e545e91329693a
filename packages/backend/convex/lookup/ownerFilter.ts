import type { TableInfo, TableRef } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { appError } from "../lib/errors";
import { quoteIdentifier } from "../access/rowScopes";
import { findTable, tableKey } from "../access/viewer";

/*
 * The SQL predicate that keeps only the rows a customer owns: the policy's owner path walked with an
 * EXISTS over the foreign-key steps, ending in the owner column compared (lowercased, trimmed) with the
 * normalized owner key, a bound parameter. Every identifier comes from the catalog; a policy that no
 * longer matches the catalog refuses the table instead of guessing.
 */

export type CustomerPolicy = Extract<AccessPolicy, { kind: "customer" }>;

export interface OwnerFilter {
  /** A boolean SQL expression over `alias`. */
  sql: string;
  /** The tables the owner path reads besides the table itself. */
  pathTables: TableRef[];
}

export function quoteTable(table: TableRef): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
}

function stale(table: TableInfo, detail: string) {
  return appError(
    "forbidden",
    `The access policy of ${tableKey(table)} no longer matches the database (${detail}); ` +
      "its rows stay unreadable until the policy is saved again.",
  );
}

function requireColumn(table: TableInfo, column: string, owner: TableInfo): void {
  if (!table.columns.some((c) => c.name === column)) {
    throw stale(owner, `${tableKey(table)} has no column ${column}`);
  }
}

/**
 * `lower(btrim(CAST(t."email" AS text))) = $1`, or for a path
 * `EXISTS (SELECT 1 FROM "public"."customers" AS o1 WHERE o1."id" = t."customer_id" AND lower(...) = $1)`.
 */
export function ownerFilter(
  table: TableInfo,
  alias: string,
  policy: CustomerPolicy,
  catalog: readonly TableInfo[],
  keyPlaceholder: string,
): OwnerFilter {
  const owned = ownedRows(table, alias, policy, catalog, keyPlaceholder);
  if (policy.hiddenWhen === undefined) return owned;
  requireColumn(table, policy.hiddenWhen, table);
  // Staff-only rows (internal notes) stay hidden even from their owner; NULL counts as not hidden.
  return { ...owned, sql: `(${owned.sql}) AND ${alias}.${quoteIdentifier(policy.hiddenWhen)} IS NOT TRUE` };
}

function ownedRows(
  table: TableInfo,
  alias: string,
  policy: CustomerPolicy,
  catalog: readonly TableInfo[],
  keyPlaceholder: string,
): OwnerFilter {
  const ownerMatch = (ref: string) =>
    `lower(btrim(CAST(${ref}.${quoteIdentifier(policy.ownerColumn)} AS text))) = ${keyPlaceholder}`;
  if (policy.ownerPath.length === 0) {
    requireColumn(table, policy.ownerColumn, table);
    return { sql: ownerMatch(alias), pathTables: [] };
  }
  const from: string[] = [];
  const joins: string[] = [];
  const pathTables: TableRef[] = [];
  let current = table;
  let currentAlias = alias;
  policy.ownerPath.forEach((step, index) => {
    requireColumn(current, step.column, table);
    const target = findTable(catalog, { schema: step.references.schema, name: step.references.table });
    if (target === undefined) {
      throw stale(table, `${step.references.schema}.${step.references.table} is missing`);
    }
    requireColumn(target, step.references.column, table);
    const stepAlias = `o${index + 1}`;
    from.push(`${quoteTable(target)} AS ${stepAlias}`);
    joins.push(
      `${stepAlias}.${quoteIdentifier(step.references.column)} = ${currentAlias}.${quoteIdentifier(step.column)}`,
    );
    pathTables.push({ schema: target.schema, name: target.name });
    current = target;
    currentAlias = stepAlias;
  });
  requireColumn(current, policy.ownerColumn, table);
  const sql = `EXISTS (SELECT 1 FROM ${from.join(", ")} WHERE ${[...joins, ownerMatch(currentAlias)].join(" AND ")})`;
  return { sql, pathTables };
}
