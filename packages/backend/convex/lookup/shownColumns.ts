"use node";

import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import type { LookupCondition } from "./conditions";
import { resultColumns, type LookupRows } from "./runLookup";

/*
 * The columns a reply is written from: what answers, not how the database links rows. Surrogate keys
 * (`id`, `patient_id`) mean nothing to a customer and are left out, as is a foreign key whose referenced
 * name was joined in ("instructor: Maya Ortiz", not "instructor_id: 13"). A key the question quoted
 * ("ticket #5" → id = 5) stays: it is how the customer calls that row. Named lookups are shown as their
 * admin wrote them.
 */

const KEY_TYPES = new Set<ColumnInfo["type"]>(["integer", "bigint", "uuid"]);

function quoted(conditions: readonly LookupCondition[]): Set<string> {
  return new Set(
    conditions.flatMap((c) => ("anyOf" in c ? c.anyOf : [c]).map((comparison) => comparison.column)),
  );
}

function isSurrogateKey(table: TableInfo, column: ColumnInfo): boolean {
  if (!KEY_TYPES.has(column.type)) return false;
  const foreign = table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === column.name);
  const primary = table.primaryKey.length === 1 && table.primaryKey[0] === column.name;
  return foreign || (primary && /(^|_)id$/i.test(column.name));
}

export function shownColumns(result: LookupRows): string[] {
  const columns = resultColumns(result);
  if ("named" in result) return columns;
  const { table, conditions } = result.candidate;
  const keep = quoted(conditions);
  const named = new Set(Object.values(result.outcome.kind === "rows" ? (result.outcome.namesFor ?? {}) : {}));
  const shown = columns.filter((name) => {
    if (keep.has(name)) return true;
    if (named.has(name)) return false;
    const column = table.columns.find((c) => c.name === name);
    return column === undefined || !isSurrogateKey(table, column);
  });
  // A table of keys only (a join table) keeps them: an empty row answers nothing.
  return shown.length > 0 ? shown : columns;
}
