import type { ColumnInfo, QueryParam, TableInfo, TableRef } from "@answerbase/connectors";
import { appError } from "../lib/errors";
import { quoteIdentifier } from "../access/rowScopes";

/*
 * WHERE conditions of a lookup as data, and their SQL: the column is looked up in the catalog and
 * quoted from there, the value is always a bound parameter cast to the column's type family (never
 * to a catalog type name, so enums and domains compare as text and the guard's cast list holds).
 */

export type ComparisonOperator = "=" | "ILIKE" | ">=" | "<" | "weekday" | ">";

/**
 * `=`: equality, typed by the column (a `YYYY-MM-DD` value on a timestamp column means that day in
 * UTC; `--MM-DD` means that day of any year). `ILIKE`: the value as a literal, found anywhere in the
 * column's text, ignoring case (`%` and `_` in the value are matched literally). `>=` and `<`: on a
 * date or timestamp column only, from a `YYYY-MM-DD` day or an ISO instant (time frames: "next",
 * "this month"). `weekday`: the ISO day of the week, "1" (Monday) to "7", on a date/timestamp column.
 * `>`: above a number, on a numeric column only (an amount still owed: `balance_outstanding > 0`).
 */
export interface Comparison {
  column: string;
  operator: ComparisonOperator;
  value: string;
  /**
   * The column is the referenced table's: the row matches when its foreign key points at a row of
   * `table` that matches ("the therapist at the Manchester clinic" → location_id IN (SELECT id FROM
   * locations WHERE name ILIKE '%manchester%')). The caller checks the viewer may read that table.
   */
  via?: ReferenceStep;
}

/** `foreignKey` of the looked-up table references `table`.`key`. */
export interface ReferenceStep {
  foreignKey: string;
  table: TableRef;
  key: string;
}

/** Conditions are ANDed; `anyOf` is one OR group. */
export type LookupCondition = Comparison | { anyOf: Comparison[] };

export const MAX_COMPARISONS = 12;
export const MAX_VALUE_LENGTH = 200;

/** `$1..$n` in the order values are added. */
export class ParamList {
  readonly values: QueryParam[] = [];
  add(value: QueryParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const CASTS: Partial<Record<ColumnInfo["type"], string>> = {
  integer: "int8", // int2/int4 = int8 has an index-usable cross-type operator
  bigint: "int8",
  decimal: "numeric",
  float: "float8",
  uuid: "uuid",
  date: "date",
  timestamp: "timestamp",
  timestamptz: "timestamptz",
  boolean: "boolean",
};

const PATTERNS: Partial<Record<ColumnInfo["type"], RegExp>> = {
  integer: /^[+-]?\d{1,18}$/,
  bigint: /^[+-]?\d{1,18}$/,
  decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/,
  float: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/,
  uuid: /^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$/,
  boolean: /^(true|false|t|f|yes|no|on|off|1|0)$/i,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEARLESS_DAY = /^--(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** A parameter cast to the column's family, e.g. `CAST($2 AS int8)`; plain `$2` for text-like columns. */
export function typedParam(column: ColumnInfo, value: string, params: ParamList): string {
  const pattern = PATTERNS[column.type];
  if (pattern !== undefined && !pattern.test(value)) {
    throw appError(
      "invalid_input",
      `"${value}" is not a valid ${column.type} value for column ${column.name}.`,
    );
  }
  const cast = CASTS[column.type];
  const placeholder = params.add(value);
  return cast === undefined ? placeholder : `CAST(${placeholder} AS ${cast})`;
}

function columnOf(table: TableInfo, name: string): ColumnInfo {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) {
    throw appError("invalid_input", `Table ${table.schema}.${table.name} has no column "${name}".`);
  }
  return column;
}

/** Text of a column for comparisons: itself when it is text, else cast to text. */
function asText(column: ColumnInfo, ref: string): string {
  return column.type === "text" ? ref : `CAST(${ref} AS text)`;
}

function dateComparison(column: ColumnInfo, ref: string, value: string, params: ParamList): string | null {
  const yearless = YEARLESS_DAY.exec(value);
  if (yearless !== null) {
    const month = params.add(Number(yearless[1]));
    const day = params.add(Number(yearless[2]));
    return `(EXTRACT(MONTH FROM ${ref}) = ${month} AND EXTRACT(DAY FROM ${ref}) = ${day})`;
  }
  if (column.type === "date") return DAY.test(value) ? `${ref} = CAST(${params.add(value)} AS date)` : null;
  if (DAY.test(value)) {
    // The whole day (in the session's UTC), as a range so an index on the column still applies.
    const day = params.add(value);
    return `(${ref} >= CAST(${day} AS date) AND ${ref} < CAST(${day} AS date) + 1)`;
  }
  return INSTANT.test(value) ? `${ref} = ${typedParam(column, value, params)}` : null;
}

const DATE_TYPES = new Set<ColumnInfo["type"]>(["date", "timestamp", "timestamptz"]);
const NUMERIC_TYPES = new Set<ColumnInfo["type"]>(["integer", "bigint", "decimal", "float"]);

/** `>=`, `<` and `weekday`: time frames on a date or timestamp column. */
function timeComparison(column: ColumnInfo, ref: string, comparison: Comparison, params: ParamList): string {
  const { value, operator } = comparison;
  if (!DATE_TYPES.has(column.type)) {
    throw appError("invalid_input", `${operator} compares dates; ${column.name} is not a date column.`);
  }
  if (operator === "weekday") {
    if (!/^[1-7]$/.test(value)) throw appError("invalid_input", `"${value}" is not an ISO weekday (1-7).`);
    // DOW (0 = Sunday) rather than ISODOW: Redshift has only DOW.
    return `EXTRACT(DOW FROM ${ref}) = ${params.add(Number(value) % 7)}`;
  }
  let bound: string;
  if (DAY.test(value)) bound = `CAST(${params.add(value)} AS date)`;
  else if (INSTANT.test(value) && column.type !== "date") bound = typedParam(column, value, params);
  else throw appError("invalid_input", `"${value}" is not a date for column ${column.name}.`);
  return `${ref} ${operator} ${bound}`;
}

/** Every table a condition reads besides the looked-up one (its `via` steps). */
export function referencedTables(conditions: readonly LookupCondition[]): TableRef[] {
  return referenceSteps(conditions).map((step) => step.table);
}

/** The `via` steps of the conditions, one per comparison. */
export function referenceSteps(conditions: readonly LookupCondition[]): ReferenceStep[] {
  return conditions
    .flatMap((c) => ("anyOf" in c ? c.anyOf : [c]))
    .flatMap((c) => (c.via === undefined ? [] : [c.via]));
}

function viaSql(
  table: TableInfo,
  alias: string,
  comparison: Comparison & { via: ReferenceStep },
  params: ParamList,
  catalog: readonly TableInfo[],
): string {
  const { via } = comparison;
  const referenced = catalog.find((t) => t.schema === via.table.schema && t.name === via.table.name);
  if (referenced === undefined) {
    throw appError("invalid_input", `No table ${via.table.schema}.${via.table.name} in the database.`);
  }
  const foreignKey = columnOf(table, via.foreignKey);
  const key = columnOf(referenced, via.key);
  const inner = comparisonSql(referenced, "r", { ...comparison, via: undefined }, params, catalog);
  const name = `${quoteIdentifier(referenced.schema)}.${quoteIdentifier(referenced.name)}`;
  return (
    `${alias}.${quoteIdentifier(foreignKey.name)} IN ` +
    `(SELECT r.${quoteIdentifier(key.name)} FROM ${name} AS r WHERE ${inner})`
  );
}

function comparisonSql(
  table: TableInfo,
  alias: string,
  comparison: Comparison,
  params: ParamList,
  catalog: readonly TableInfo[],
): string {
  if (comparison.via !== undefined) {
    return viaSql(table, alias, comparison as Comparison & { via: ReferenceStep }, params, catalog);
  }
  const column = columnOf(table, comparison.column);
  const { value } = comparison;
  if (
    typeof value !== "string" ||
    value.length === 0 ||
    value.length > MAX_VALUE_LENGTH ||
    value.includes("\0")
  ) {
    throw appError(
      "invalid_input",
      `The value for ${column.name} must be 1 to ${MAX_VALUE_LENGTH} characters without NUL.`,
    );
  }
  const ref = `${alias}.${quoteIdentifier(column.name)}`;
  if (comparison.operator === "ILIKE") {
    return `${asText(column, ref)} ILIKE ${params.add(`%${value.replace(/[\\%_]/g, "\\$&")}%`)}`;
  }
  if (comparison.operator === ">=" || comparison.operator === "<" || comparison.operator === "weekday") {
    return timeComparison(column, ref, comparison, params);
  }
  if (comparison.operator === ">") {
    if (CASTS[column.type] === undefined || !NUMERIC_TYPES.has(column.type) || !PATTERNS.decimal!.test(value))
      throw appError(
        "invalid_input",
        `> compares numbers; ${column.name} ${value} is not a number comparison.`,
      );
    return `${ref} > ${typedParam(column, value, params)}`;
  }
  if (comparison.operator !== "=") {
    throw appError("invalid_input", `Unknown operator "${String(comparison.operator)}": use = or ILIKE.`);
  }
  if (DATE_TYPES.has(column.type)) {
    const sql = dateComparison(column, ref, value, params);
    if (sql === null) throw appError("invalid_input", `"${value}" is not a date for column ${column.name}.`);
    return sql;
  }
  if (CASTS[column.type] !== undefined) return `${ref} = ${typedParam(column, value, params)}`;
  return `${asText(column, ref)} = ${params.add(value)}`;
}

export function countComparisons(conditions: readonly LookupCondition[]): number {
  return conditions.reduce((n, c) => n + ("anyOf" in c ? c.anyOf.length : 1), 0);
}

/** `(c1) AND (c2 OR c3)`, or null when there is no condition. */
export function conditionsSql(
  table: TableInfo,
  alias: string,
  conditions: readonly LookupCondition[],
  params: ParamList,
  /** Where `via` comparisons find their referenced tables (the visible catalog). */
  catalog: readonly TableInfo[] = [],
): string | null {
  if (countComparisons(conditions) > MAX_COMPARISONS) {
    throw appError("invalid_input", `At most ${MAX_COMPARISONS} comparisons per lookup.`);
  }
  const parts = conditions.map((condition) => {
    if (!("anyOf" in condition)) return `(${comparisonSql(table, alias, condition, params, catalog)})`;
    if (condition.anyOf.length === 0) throw appError("invalid_input", "An anyOf group needs a comparison.");
    return `(${condition.anyOf.map((c) => comparisonSql(table, alias, c, params, catalog)).join(" OR ")})`;
  });
  return parts.length === 0 ? null : parts.join(" AND ");
}
