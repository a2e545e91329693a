import type { ColumnInfo, QueryParam, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { JsonValue } from "../core/values.ts";

/** `"name"` with embedded quotes doubled: the only way an identifier reaches our SQL. */
export function quotePostgresIdentifier(name: string): string {
  if (name.includes("\u0000"))
    throw new ConnectorError("invalid_input", "An identifier cannot contain a NUL character.");
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * One keyset page of `table` ordered by `keys` (ascending, NULLs last as Postgres sorts them by
 * default), starting strictly after the key values `after`.
 *
 * Key columns that are all NOT NULL (primary keys) get a row comparison `(k1, k2) > ($1::t1, $2::t2)`,
 * which Postgres answers with an index range scan: a deep page costs what page 1 costs. Nullable keys
 * (the stable fallback order of a table without a primary key, or a view) need the expanded form,
 * because `NULL > x` is unknown and a row comparison would silently drop rows: "after" means
 * k1 > a1, or k1 = a1 and k2 > a2, ... where "x > a" with NULLs last is `x > a OR x IS NULL`, nothing
 * comes after a NULL, and "x = NULL" is `x IS NULL`. Which SQL is built depends only on whether each
 * cursor value is null; values themselves are always bound parameters, cast to the column's type
 * (`format_type` spelling from the catalog) so text, timestamps, numerics and enums compare as such.
 */
export function buildKeysetPage(
  table: TableInfo,
  keys: string[],
  after: readonly JsonValue[] | null,
  limit: number,
): { sql: string; params: QueryParam[] } {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ConnectorError("invalid_input", "The page size must be a positive integer.");
  const columns = keys.map((key) => keyColumn(table, key));
  const from = `${quotePostgresIdentifier(table.schema)}.${quotePostgresIdentifier(table.name)}`;
  const orderBy =
    columns.length > 0 ? ` ORDER BY ${columns.map((c) => quotePostgresIdentifier(c.name)).join(", ")}` : "";
  if (after === null) return { sql: `SELECT * FROM ${from}${orderBy} LIMIT ${limit}`, params: [] };
  if (after.length !== columns.length || columns.length === 0) {
    throw new ConnectorError("invalid_input", "The cursor does not match the table's key.");
  }
  const params: QueryParam[] = [];
  const bind = (column: ColumnInfo, value: JsonValue): string => {
    params.push(toPostgresParam(value));
    return `$${params.length}::${column.nativeType}`;
  };
  const where = columns.every((c) => !c.nullable)
    ? rowComparison(columns, after, bind)
    : nullSafeComparison(columns, after, bind);
  return { sql: `SELECT * FROM ${from} WHERE ${where}${orderBy} LIMIT ${limit}`, params };
}

type Bind = (column: ColumnInfo, value: JsonValue) => string;

function rowComparison(columns: ColumnInfo[], after: readonly JsonValue[], bind: Bind): string {
  if (after.some((value) => value === null)) {
    throw new ConnectorError("invalid_input", "The cursor holds a null value for a NOT NULL key column.");
  }
  const names = columns.map((c) => quotePostgresIdentifier(c.name));
  const values = columns.map((c, i) => bind(c, after[i] ?? null));
  return columns.length === 1
    ? `${names[0]} > ${values[0]}`
    : `(${names.join(", ")}) > (${values.join(", ")})`;
}

function nullSafeComparison(columns: ColumnInfo[], after: readonly JsonValue[], bind: Bind): string {
  const bound = columns.map((c, i) => {
    const value = after[i] ?? null;
    return value === null ? null : bind(c, value);
  });
  const disjuncts: string[] = [];
  columns.forEach((column, i) => {
    const param = bound[i];
    if (param === null || param === undefined) return; // nothing sorts after NULL (NULLS LAST)
    const name = quotePostgresIdentifier(column.name);
    const equalPrefix = columns.slice(0, i).map((prior, j) => {
      const priorParam = bound[j];
      const priorName = quotePostgresIdentifier(prior.name);
      return priorParam === null || priorParam === undefined
        ? `${priorName} IS NULL`
        : `${priorName} = ${priorParam}`;
    });
    const greater = column.nullable ? `(${name} > ${param} OR ${name} IS NULL)` : `${name} > ${param}`;
    disjuncts.push([...equalPrefix, greater].join(" AND "));
  });
  return disjuncts.length === 0 ? "FALSE" : disjuncts.map((d) => `(${d})`).join(" OR ");
}

function keyColumn(table: TableInfo, key: string): ColumnInfo {
  const column = table.columns.find((c) => c.name === key);
  if (!column)
    throw new ConnectorError(
      "invalid_input",
      `The key column ${key} is not a column of ${table.schema}.${table.name}.`,
    );
  return column;
}

/**
 * A normalized key value (values.ts) back to the text Postgres parses into the same value: arrays to
 * array literals, json objects to json text; everything else already is the engine's text form
 * (bigint and numeric strings, ISO timestamps, dates) or a plain number or boolean.
 */
export function toPostgresParam(value: JsonValue): QueryParam {
  if (Array.isArray(value)) return toArrayLiteral(value);
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function toArrayLiteral(values: JsonValue[]): string {
  const items = values.map((item) => {
    if (item === null) return "NULL";
    if (Array.isArray(item)) return toArrayLiteral(item);
    const text = typeof item === "object" ? JSON.stringify(item) : String(item);
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(",")}}`;
}
