import type { Catalog, ColumnInfo, ForeignKey, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecutedStatement } from "../core/sql-executor.ts";
import { columnTypeOf, type JsonValue } from "../core/values.ts";

/** The json shapes `POSTGRES_CATALOG_QUERY` builds (see catalog-query.ts). */
interface RawColumn {
  name: string;
  ordinal: number;
  type: string;
  /** Set for domains: the type the domain is built on, which decides how values look. */
  baseType: string | null;
  notNull: boolean;
  comment: string | null;
}

interface RawForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

interface RawTable {
  schema: string;
  name: string;
  kind: string;
  estimatedRows: number | null;
  comment: string | null;
  columns: RawColumn[];
  primaryKey: string[];
  foreignKeys: RawForeignKey[];
}

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
  const kind = KINDS[raw.kind];
  if (
    !kind ||
    typeof raw.schema !== "string" ||
    typeof raw.name !== "string" ||
    !Array.isArray(raw.columns)
  ) {
    throw new ConnectorError("internal", "The catalog query returned an unexpected table entry.");
  }
  return {
    schema: raw.schema,
    name: raw.name,
    kind,
    comment: raw.comment ?? null,
    estimatedRows: typeof raw.estimatedRows === "number" ? Math.round(raw.estimatedRows) : null,
    columns: raw.columns.map(toColumnInfo),
    primaryKey: raw.primaryKey ?? [],
    foreignKeys: (raw.foreignKeys ?? []).map(toForeignKey),
  };
}

function toColumnInfo(raw: RawColumn): ColumnInfo {
  return {
    name: raw.name,
    ordinal: raw.ordinal,
    nativeType: raw.type,
    type: columnTypeOf(raw.baseType ?? raw.type),
    nullable: !raw.notNull,
    comment: raw.comment ?? null,
  };
}

function toForeignKey(raw: RawForeignKey): ForeignKey {
  return {
    name: raw.name,
    columns: raw.columns,
    references: { schema: raw.refSchema, name: raw.refTable, columns: raw.refColumns },
  };
}
