import { exactInteger, type ExactInteger } from "../http/exact-integer.ts";
import type { FieldDef } from "pg";

/**
 * A value as GetStatementResult sends it. `doubleValue` may be the JSON strings the AWS JSON protocol
 * uses for non-finite doubles; `blobValue` is base64, as on the wire.
 */
export type Field =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number | ExactInteger }
  | { doubleValue: number | "NaN" | "Infinity" | "-Infinity" }
  | { stringValue: string }
  | { blobValue: string };

export interface ColumnMetadata {
  isCaseSensitive: boolean;
  isCurrency: boolean;
  isSigned: boolean;
  label: string;
  name: string;
  /** JDBC convention: 0 no nulls, 1 nullable. */
  nullable: number;
  precision: number;
  scale: number;
  schemaName: string;
  tableName: string;
  typeName: string;
  length: number;
}

/** Where a result column comes from, looked up in the catalog (absent for computed columns). */
export interface ColumnSource {
  schemaName: string;
  tableName: string;
  notNull: boolean;
}

const OID = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  money: 790,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const INTEGER_TYPES = new Set<number>([OID.int2, OID.int4, OID.int8, OID.oid]);
const FLOAT_TYPES = new Set<number>([OID.float4, OID.float8]);
const SIGNED_TYPES = new Set<number>([...INTEGER_TYPES, ...FLOAT_TYPES, OID.numeric, OID.money]);
const CASE_INSENSITIVE_TYPES = new Set<number>([
  ...SIGNED_TYPES,
  OID.bool,
  OID.date,
  OID.time,
  OID.timetz,
  OID.timestamp,
  OID.timestamptz,
  OID.interval,
]);

/*
 * Redshift's names for the types it shares with Postgres. TEXT columns are VARCHAR in Redshift,
 * JSON lives in SUPER and binary data in VARBYTE; types Redshift lacks keep their Postgres name.
 */
const REDSHIFT_TYPE_NAMES = new Map<number, string>([
  [OID.bool, "bool"],
  [OID.bytea, "varbyte"],
  [OID.char, "char"],
  [OID.name, "name"],
  [OID.int8, "int8"],
  [OID.int2, "int2"],
  [OID.int4, "int4"],
  [OID.text, "varchar"],
  [OID.oid, "oid"],
  [OID.json, "super"],
  [OID.float4, "float4"],
  [OID.float8, "float8"],
  [OID.money, "money"],
  [OID.bpchar, "bpchar"],
  [OID.varchar, "varchar"],
  [OID.date, "date"],
  [OID.time, "time"],
  [OID.timestamp, "timestamp"],
  [OID.timestamptz, "timestamptz"],
  [OID.interval, "interval"],
  [OID.timetz, "timetz"],
  [OID.numeric, "numeric"],
  [OID.uuid, "uuid"],
  [OID.jsonb, "super"],
]);

/** True when `typeName` needs the catalog (user types, arrays, domains...). */
export function hasKnownTypeName(typeOid: number): boolean {
  return REDSHIFT_TYPE_NAMES.has(typeOid);
}

/**
 * Converts one value from Postgres text by its type OID, as the Data API's JDBC mapping does:
 * integers → longValue, floats → doubleValue, bool → booleanValue, binary → blobValue, everything
 * else (numeric, dates, json, arrays...) → stringValue with the server's text.
 */
export function toField(value: string | null, typeOid: number): Field {
  if (value === null) return { isNull: true };
  if (INTEGER_TYPES.has(typeOid)) return { longValue: exactInteger(value) };
  if (FLOAT_TYPES.has(typeOid)) return { doubleValue: toDouble(value) };
  if (typeOid === OID.bool) return { booleanValue: value === "t" || value === "true" };
  if (typeOid === OID.bytea) return { blobValue: decodeBytea(value).toString("base64") };
  return { stringValue: value };
}

function toDouble(text: string): number | "NaN" | "Infinity" | "-Infinity" {
  if (text === "NaN" || text === "Infinity" || text === "-Infinity") return text;
  return Number(text);
}

/** Postgres sends bytea as `\x` hex (bytea_output = hex) or, on old settings, escape format. */
function decodeBytea(text: string): Buffer {
  if (text.startsWith("\\x")) return Buffer.from(text.slice(2), "hex");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && text[i + 1] === "\\") {
      bytes.push(0x5c);
      i++;
    } else if (text[i] === "\\") {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** Bytes a value takes in the result (Postgres text length), for ResultSize and the row limit. */
export function valueBytes(value: string | null): number {
  return value === null ? 0 : Buffer.byteLength(value, "utf8");
}

// Unbounded VARCHAR / TEXT report Redshift's largest VARCHAR.
const MAX_VARCHAR = 65_535;

/** ColumnMetadata like the Data API's (JDBC ResultSetMetaData: precision, scale, signedness...). */
export function columnMetadata(
  field: FieldDef,
  typeName: string,
  source: ColumnSource | undefined,
): ColumnMetadata {
  const { precision, scale } = precisionAndScale(field.dataTypeID, field.dataTypeModifier);
  return {
    isCaseSensitive: !CASE_INSENSITIVE_TYPES.has(field.dataTypeID),
    isCurrency: field.dataTypeID === OID.money,
    isSigned: SIGNED_TYPES.has(field.dataTypeID),
    label: field.name,
    name: field.name,
    nullable: source?.notNull ? 0 : 1,
    precision,
    scale,
    schemaName: source?.schemaName ?? "",
    tableName: source?.tableName ?? "",
    typeName: REDSHIFT_TYPE_NAMES.get(field.dataTypeID) ?? typeName,
    length: 0,
  };
}

function precisionAndScale(typeOid: number, typmod: number): { precision: number; scale: number } {
  const fractional = typmod >= 0 ? typmod : 6;
  switch (typeOid) {
    case OID.int2:
      return { precision: 5, scale: 0 };
    case OID.int4:
    case OID.oid:
      return { precision: 10, scale: 0 };
    case OID.int8:
      return { precision: 19, scale: 0 };
    case OID.float4:
      return { precision: 8, scale: 8 };
    case OID.float8:
      return { precision: 17, scale: 17 };
    case OID.bool:
      return { precision: 1, scale: 0 };
    case OID.numeric:
      return typmod >= 4
        ? { precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff }
        : { precision: 0, scale: 0 };
    case OID.varchar:
    case OID.bpchar:
      return { precision: typmod >= 4 ? typmod - 4 : MAX_VARCHAR, scale: 0 };
    case OID.text:
      return { precision: MAX_VARCHAR, scale: 0 };
    case OID.date:
      return { precision: 13, scale: 0 };
    case OID.time:
      return { precision: 15, scale: fractional };
    case OID.timetz:
      return { precision: 21, scale: fractional };
    case OID.timestamp:
      return { precision: 29, scale: fractional };
    case OID.timestamptz:
      return { precision: 35, scale: fractional };
    default:
      return { precision: 0, scale: 0 };
  }
}
