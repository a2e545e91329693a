import type { ColumnInfo, ResultColumn, Row, TableInfo } from "./connector.ts";
import { ConnectorError } from "./errors.ts";
import type { JsonValue } from "./values.ts";

/**
 * Native types with no btree ordering (json, xml, geometry), which neither ORDER BY nor `>` accept.
 * Compared without the `(n)`/`[]` decoration.
 */
const UNORDERED_TYPES = new Set(["json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle"]);

/**
 * A key column must round-trip through a cursor: its normalized value (values.ts), bound as text and
 * cast back, must equal the stored value. bytea is summarized (lossy) and arrays are not worth
 * ordering by, so neither is used in a fallback order.
 */
function usableInFallback(column: ColumnInfo): boolean {
  const base = column.nativeType
    .toLowerCase()
    .replace(/\(.*\)/, "")
    .trim();
  return column.type !== "bytea" && column.type !== "array" && !UNORDERED_TYPES.has(base);
}

function roundTrips(column: ColumnInfo): boolean {
  return column.type !== "bytea" && !UNORDERED_TYPES.has(column.nativeType.toLowerCase().trim());
}

/**
 * The columns pages are ordered by: the primary key in key order; for a table without one (or whose
 * key cannot round-trip through a cursor) and for views, every orderable column in ordinal order.
 * That fallback order is total except for rows that are equal in every orderable column: such exact
 * duplicates that fall on both sides of a page boundary are returned once (the next page starts
 * strictly after the last key), which is harmless for display and for content-hashed ingestion.
 * Empty when no column is orderable: then there is only one page.
 */
export function orderKeysOf(table: TableInfo): string[] {
  const primary = table.primaryKey.map((name) => table.columns.find((c) => c.name === name));
  if (primary.length > 0 && primary.every((c) => c !== undefined && roundTrips(c)))
    return [...table.primaryKey];
  return table.columns.filter(usableInFallback).map((c) => c.name);
}

/** `"schema"."name"`: unambiguous, unlike a dotted name when identifiers contain dots. */
export function cursorTableName(table: TableInfo, quote: (name: string) => string): string {
  return `${quote(table.schema)}.${quote(table.name)}`;
}

/** The key values of the last row of a page, read from the executor's positional row. */
export function keyValuesOf(columns: ResultColumn[], row: readonly JsonValue[], keys: string[]): JsonValue[] {
  return keys.map((key) => {
    const index = columns.findIndex((c) => c.name === key);
    if (index < 0) throw new ConnectorError("internal", `The key column ${key} is missing from the page.`);
    return row[index] ?? null;
  });
}

/**
 * Positional rows to objects keyed by column name. A name already taken (`SELECT a.id, b.id`) gets
 * `_2`, `_3`, ... so no value is lost; `columns` is renamed the same way.
 */
export function toRowObjects(
  columns: ResultColumn[],
  rows: readonly (readonly JsonValue[])[],
): { columns: ResultColumn[]; rows: Row[] } {
  const taken = new Set<string>();
  const names = columns.map((column) => {
    let name = column.name;
    for (let n = 2; taken.has(name); n++) name = `${column.name}_${n}`;
    taken.add(name);
    return name;
  });
  const objects = rows.map((values) => {
    const row: Row = {};
    names.forEach((name, i) => {
      // defineProperty: a column named "__proto__" must stay a plain key, not replace the prototype
      Object.defineProperty(row, name, {
        value: values[i] ?? null,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return row;
  });
  return {
    columns: columns.map((column, i) => ({ ...column, name: names[i] ?? column.name })),
    rows: objects,
  };
}
