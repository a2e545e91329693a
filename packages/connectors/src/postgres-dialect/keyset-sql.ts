import type { ColumnInfo, QueryParam, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { SqlDialect } from "../core/sql-executor.ts";
import type { JsonValue } from "../core/values.ts";

/** `"name"` with embedded quotes doubled: the only way an identifier reaches our SQL. */
export function quotePostgresIdentifier(name: string): string {
  if (name.includes("\u0000"))
    throw new ConnectorError("invalid_input", "An identifier cannot contain a NUL character.");
  return `"${name.replace(/"/g, '""')}"`;
}

/** Binds a cursor value as the next parameter, cast to its column's type; returns the SQL for it. */
export type BindKey = (column: ColumnInfo, value: JsonValue) => string;

/** What differs between engines in a keyset page. */
export interface KeysetSyntax {
  /** The SQL of parameter `$n` cast to a column's type (`format_type` spelling from the catalog). */
  cast(placeholder: string, nativeType: string): string;
  /** "Strictly after the cursor `after`" over the key columns, binding values with `bind`. */
  after(columns: ColumnInfo[], after: readonly JsonValue[], bind: BindKey): string;
}

/**
 * A keyset page builder for one engine: `SELECT * FROM t WHERE <after> ORDER BY k1, k2 LIMIT n`
 * (no WHERE on the first page, `after` null), ascending with NULLs last as both engines sort by
 * default. Cursor values are always bound parameters, cast to the column's type so text,
 * timestamps, numerics and enums compare as such; `syntax` spells the cast and the condition.
 */
export function keysetPageBuilder(syntax: KeysetSyntax): SqlDialect["keysetPage"] {
  return (table, keys, after, limit) => {
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
    const bind: BindKey = (column, value) => {
      params.push(toPostgresParam(value));
      return syntax.cast(`$${params.length}`, column.nativeType);
    };
    const where = syntax.after(columns, after, bind);
    return { sql: `SELECT * FROM ${from} WHERE ${where}${orderBy} LIMIT ${limit}`, params };
  };
}

/**
 * Postgres: key columns that are all NOT NULL (primary keys) get a row comparison
 * `(k1, k2) > ($1::t1, $2::t2)`, which Postgres answers with an index range scan: a deep page costs
 * what page 1 costs. Nullable keys (the stable fallback order of a table without a primary key, or a
 * view) need the expanded form (expandedAfter), because `NULL > x` is unknown and a row comparison
 * would silently drop rows. Which SQL is built depends only on whether each cursor value is null.
 */
export const buildKeysetPage = keysetPageBuilder({
  cast: (placeholder, nativeType) => `${placeholder}::${nativeType}`,
  after: (columns, after, bind) =>
    columns.every((c) => !c.nullable)
      ? rowComparison(columns, after, bind)
      : (expandedAfter(columns, bindNonNull(columns, after, bind)) ?? "FALSE"),
});

function rowComparison(columns: ColumnInfo[], after: readonly JsonValue[], bind: BindKey): string {
  refuseNullsInNotNullKeys(columns, after);
  const names = columns.map((c) => quotePostgresIdentifier(c.name));
  const values = columns.map((c, i) => bind(c, after[i] ?? null));
  return columns.length === 1
    ? `${names[0]} > ${values[0]}`
    : `(${names.join(", ")}) > (${values.join(", ")})`;
}

/** A cursor cannot hold NULL where the column cannot: the cursor was not built from a row. */
export function refuseNullsInNotNullKeys(columns: ColumnInfo[], after: readonly JsonValue[]): void {
  if (columns.some((column, i) => !column.nullable && (after[i] ?? null) === null)) {
    throw new ConnectorError("invalid_input", "The cursor holds a null value for a NOT NULL key column.");
  }
}

/** Each cursor value bound in key order; null stays null (it is compared with IS NULL, not bound). */
export function bindNonNull(
  columns: ColumnInfo[],
  after: readonly JsonValue[],
  bind: BindKey,
): (string | null)[] {
  return columns.map((column, i) => {
    const value = after[i] ?? null;
    return value === null ? null : bind(column, value);
  });
}

/**
 * "After (a1, a2)" spelled out as `(k1 > a1) OR (k1 = a1 AND k2 > a2)`, where "x > a" with NULLs
 * last is `x > a OR x IS NULL` for a nullable column, nothing comes after a NULL, and "x = NULL" is
 * `x IS NULL`. `bound` holds the bound cursor values (null for a NULL). Null when nothing can come
 * after the cursor.
 */
export function expandedAfter(columns: ColumnInfo[], bound: readonly (string | null)[]): string | null {
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
  return disjuncts.length === 0 ? null : disjuncts.map((d) => `(${d})`).join(" OR ");
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
