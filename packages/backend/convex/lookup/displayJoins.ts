import type { ColumnInfo, TableInfo, TableRef } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import { quoteIdentifier } from "../access/rowScopes";
import { findTable, policyOf, type PolicyMap, type Viewer } from "../access/viewer";
import { quoteTable } from "./ownerFilter";
import { isOwnerStep, ownerStep } from "./ownerStep";
import { nameTokens } from "./words";

/*
 * Names instead of foreign keys: a booking's `instructor_id` 13 is shown as `instructor: Maya Ortiz`.
 * For each single-column foreign key of a looked-up table, the referenced row's display column (its
 * name or title) is joined in — only when the viewer may read that table whole: a public table for a
 * contact (never a customer table, whose other rows belong to other customers, nor a private one), any
 * table for the dashboard's admin. One exception for a contact: the row their own row belongs to on
 * the way to them (lookup/ownerStep.ts), when it is not themselves — which child a guardian's session
 * is for. Hidden columns are never a display column.
 */

export interface DisplayJoin {
  /** `LEFT JOIN "s"."staff" AS j1 ON j1."id" = s."instructor_id"`. */
  sql: string;
  /** `j1."full_name" AS "instructor"`. */
  select: string;
  /** The foreign key column the name stands for. */
  foreignKey: string;
  /** The result column holding the name, e.g. `instructor`. */
  alias: string;
  table: TableRef;
}

/** In order of preference: a person's or thing's name before its title ("Senior physiotherapist"). */
const DISPLAY = ["name", "title", "label"];

/** The column a row of `table` is called by: `name`, else `full_name`/`display_name`, else `title`, … */
export function displayColumn(table: TableInfo): ColumnInfo | undefined {
  const text = table.columns.filter((c) => c.type === "text");
  for (const word of DISPLAY) {
    const exact = text.find((c) => c.name.toLowerCase() === word);
    if (exact !== undefined) return exact;
    const named = text.find((c) => nameTokens(c.name).includes(word));
    if (named !== undefined) return named;
  }
  return undefined;
}

function aliasFor(foreignKey: string, taken: Set<string>): string {
  const base = foreignKey.replace(/_?id$/i, "");
  const alias = base.length > 0 && !taken.has(base) ? base : `${foreignKey}_name`;
  return taken.has(alias) ? `${alias}_${taken.size}` : alias;
}

export function displayJoins(
  table: TableInfo,
  tablePolicy: AccessPolicy,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
  outerAlias: string,
): DisplayJoin[] {
  const taken = new Set(table.columns.map((c) => c.name));
  const joins: DisplayJoin[] = [];
  const owner = ownerStep(tablePolicy, catalog, policies, viewer);
  for (const fk of table.foreignKeys) {
    if (fk.columns.length !== 1 || fk.references.columns.length !== 1) continue;
    const stored = findTable(catalog, fk.references);
    if (stored === undefined) continue;
    const policy = policyOf(policies, stored);
    const step = { foreignKey: fk.columns[0]!, table: stored, key: fk.references.columns[0]! };
    const throughOwner = owner !== null && owner.intermediate && isOwnerStep(step, owner);
    if (viewer.kind !== "admin" && policy.kind !== "public" && !throughOwner) continue;
    const referenced = throughOwner ? owner.target : withoutHiddenColumns(stored, policy);
    const display = displayColumn(referenced);
    const key = referenced.columns.find((c) => c.name === fk.references.columns[0]);
    if (display === undefined || key === undefined || display.name === key.name) continue;
    const joinAlias = `j${joins.length + 1}`;
    const alias = aliasFor(fk.columns[0]!, taken);
    taken.add(alias);
    joins.push({
      sql:
        `LEFT JOIN ${quoteTable(referenced)} AS ${joinAlias} ON ${joinAlias}.${quoteIdentifier(key.name)} = ` +
        `${outerAlias}.${quoteIdentifier(fk.columns[0]!)}`,
      select: `${joinAlias}.${quoteIdentifier(display.name)} AS ${quoteIdentifier(alias)}`,
      foreignKey: fk.columns[0]!,
      alias,
      table: { schema: referenced.schema, name: referenced.name },
    });
  }
  return joins;
}
