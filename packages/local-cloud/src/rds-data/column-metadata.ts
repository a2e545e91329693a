import type pg from "pg";
import { queryRaw } from "../postgres/postgres-backend.ts";
import type { PgType } from "./pg-types.ts";

/** `ColumnMetadata` of the Data API, as the service fills it from pgjdbc's ResultSetMetaData. */
export interface ColumnMetadata {
  name: string;
  type: number;
  typeName: string;
  label: string;
  schemaName: string;
  tableName: string;
  isAutoIncrement: boolean;
  isSigned: boolean;
  isCurrency: boolean;
  isCaseSensitive: boolean;
  /** java.sql.ResultSetMetaData: 0 columnNoNulls, 1 columnNullable. */
  nullable: number;
  precision: number;
  scale: number;
  arrayBaseColumnType: number;
}

interface TableColumn {
  tableName: string;
  notNull: boolean;
  autoIncrement: boolean;
}

/** pgjdbc's "unknownLength" default: the precision of unbounded types (text, bytea, uuid, ...). */
const UNKNOWN_LENGTH = 2147483647;
const NOT_CASE_SENSITIVE = new Set([
  "oid",
  "int2",
  "int4",
  "int8",
  "float4",
  "float8",
  "numeric",
  "bool",
  "bit",
  "varbit",
  "date",
  "time",
  "timetz",
  "timestamp",
  "timestamptz",
  "interval",
]);
const SIGNED = new Set(["int2", "int4", "int8", "float4", "float8", "numeric"]);
const SERIAL_NAMES: Record<string, string> = { int2: "smallserial", int4: "serial", int8: "bigserial" };

/**
 * Describes result columns the way pgjdbc does (the Data API runs on it): type codes, precision and
 * scale from the type modifier, and for columns that come straight from a table, the table name,
 * NOT NULL and auto-increment (serial default or identity) from the catalog. `schemaName` is empty,
 * as pgjdbc's getSchemaName always is.
 */
export async function describeColumns(
  client: pg.PoolClient | pg.Client,
  fields: pg.FieldDef[],
  types: Map<number, PgType>,
): Promise<ColumnMetadata[]> {
  const columns = await lookupTableColumns(client, fields);
  return fields.map((field) => {
    const type = types.get(field.dataTypeID);
    const typeName = type?.name ?? String(field.dataTypeID);
    const column = columns.get(`${field.tableID}:${field.columnID}`);
    const autoIncrement = column?.autoIncrement ?? false;
    return {
      name: field.name,
      type: type?.jdbcType ?? 1111,
      typeName: (autoIncrement && SERIAL_NAMES[typeName]) || typeName,
      label: field.name,
      schemaName: "",
      tableName: column?.tableName ?? "",
      isAutoIncrement: autoIncrement,
      isSigned: SIGNED.has(typeName),
      isCurrency: typeName === "money",
      isCaseSensitive: !NOT_CASE_SENSITIVE.has(typeName),
      nullable: column?.notNull ? 0 : 1,
      precision: precision(typeName, field.dataTypeModifier),
      scale: scale(typeName, field.dataTypeModifier),
      arrayBaseColumnType: type?.element?.jdbcType ?? 0,
    };
  });
}

async function lookupTableColumns(
  client: pg.PoolClient | pg.Client,
  fields: pg.FieldDef[],
): Promise<Map<string, TableColumn>> {
  const tables = [...new Set(fields.map((field) => field.tableID).filter((id) => id > 0))];
  const columns = new Map<string, TableColumn>();
  if (tables.length === 0) return columns;
  const result = await queryRaw(
    client,
    `SELECT a.attrelid::int8, a.attnum, c.relname, a.attnotnull, a.attidentity, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0`,
    [`{${tables.join(",")}}`],
  );
  for (const [table, attnum, relname, notNull, identity, defaultExpression] of result.rows) {
    columns.set(`${table}:${attnum}`, {
      tableName: relname ?? "",
      notNull: notNull === "t",
      autoIncrement: identity === "a" || identity === "d" || (defaultExpression ?? "").includes("nextval("),
    });
  }
  return columns;
}

/** pgjdbc TypeInfoCache.getPrecision. */
function precision(typeName: string, typmod: number): number {
  switch (typeName) {
    case "int2":
      return 5;
    case "oid":
    case "int4":
      return 10;
    case "int8":
      return 19;
    case "float4":
      return 8;
    case "float8":
      return 17;
    case "numeric":
      return typmod === -1 ? 0 : ((typmod - 4) >> 16) & 0xffff;
    case "char":
    case "bool":
      return 1;
    case "bpchar":
    case "varchar":
      return typmod === -1 ? UNKNOWN_LENGTH : typmod - 4;
    case "date":
      return 13;
    case "time":
    case "timetz":
    case "timestamp":
    case "timestamptz": {
      const seconds = typmod === -1 ? 7 : typmod === 0 ? 0 : typmod === 1 ? 3 : typmod + 1;
      const base = typeName.startsWith("timestamp") ? 22 : 8;
      return base + seconds + (typeName.endsWith("tz") ? 6 : 0);
    }
    case "interval":
      return 49;
    case "bit":
      return typmod;
    case "varbit":
      return typmod === -1 ? UNKNOWN_LENGTH : typmod;
    default:
      return UNKNOWN_LENGTH;
  }
}

/** pgjdbc TypeInfoCache.getScale. */
function scale(typeName: string, typmod: number): number {
  switch (typeName) {
    case "float4":
      return 8;
    case "float8":
      return 17;
    case "numeric":
      return typmod === -1 ? 0 : (typmod - 4) & 0xffff;
    case "time":
    case "timetz":
    case "timestamp":
    case "timestamptz":
      return typmod === -1 ? 6 : typmod;
    case "interval":
      return typmod === -1 ? 6 : typmod & 0xffff;
    default:
      return 0;
  }
}
