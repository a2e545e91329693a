import type { Catalog, ColumnInfo, ForeignKey, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecutedStatement } from "../core/sql-executor.ts";
import { columnTypeOf, type JsonValue } from "../core/values.ts";

/**
 * The json arrays `POSTGRES_CATALOG_QUERY` builds (see catalog-query.ts), by position:
 * a table is [schema, name, kind, estimatedRows, comment, columns, primaryKey, foreignKeys],
 * a column [name, ordinal, type, baseType, notNull, comment] (baseType is set for domains: the type
 * the domain is built on, which decides how values look), a foreign key
 * [name, columns, refSchema, refTable, refColumns].
 */
type RawColumn = [string, number, string, string | null, boolean, string | null];
type RawForeignKey = [string, string[], string, string, string[]];
type RawTable = [
  string,
  string,
  string,
  number | null,
  string | null,
  RawColumn[],
  string[],
  RawForeignKey[],
];

const KINDS: Record<string, TableInfo["kind"]> = {
  r: "table",
  v: "view",
  m: "materialized_view",
  f: "foreign_table",
  p: "partitioned_table",
};

/**
 * Turns the single `catalog` json value of the catalog query into a `Catalog`. The executor has
 * already parsed the json (values.ts); a row of another shape means the query and this parser
 * disagree, which is a bug, so it fails loudly as `internal`.
 */
export function parsePostgresCatalog(result: ExecutedStatement): Catalog {
  const value: JsonValue | undefined = result.rows[0]?.[0];
  const raw = typeof value === "string" ? (JSON.parse(value) as JsonValue) : value;
  if (!Array.isArray(raw)) {
    throw new ConnectorError("internal", "The catalog query returned an unexpected result.");
  }
  return { tables: (raw as unknown as RawTable[]).map(toTableInfo) };
}

function toTableInfo(raw: RawTable): TableInfo {
  if (!Array.isArray(raw)) throw unexpectedEntry();
  const [schema, name, rawKind, estimatedRows, comment, columns, primaryKey, foreignKeys] = raw;
  const kind = KINDS[rawKind];
  if (!kind || typeof schema !== "string" || typeof name !== "string" || !Array.isArray(columns)) {
    throw unexpectedEntry();
  }
  return {
    schema,
    name,
    kind,
    comment: comment ?? null,
    estimatedRows: typeof estimatedRows === "number" ? Math.round(estimatedRows) : null,
    columns: columns.map(toColumnInfo),
    primaryKey: primaryKey ?? [],
    foreignKeys: (foreignKeys ?? []).map(toForeignKey),
  };
}

function toColumnInfo([name, ordinal, type, baseType, notNull, comment]: RawColumn): ColumnInfo {
  return {
    name,
    ordinal,
    nativeType: type,
    type: columnTypeOf(baseType ?? type),
    nullable: !notNull,
    comment: comment ?? null,
  };
}

function toForeignKey([name, columns, refSchema, refTable, refColumns]: RawForeignKey): ForeignKey {
  return { name, columns, references: { schema: refSchema, name: refTable, columns: refColumns } };
}

function unexpectedEntry(): ConnectorError {
  return new ConnectorError("internal", "The catalog query returned an unexpected table entry.");
}
