import type { ResultColumn } from "../core/connector.ts";
import { columnTypeOf, normalizeText, type JsonValue } from "../core/values.ts";

/**
 * Result columns arrive with a type OID only (RowDescription's `dataTypeID`). Built-in types have
 * fixed OIDs; enums, composite types, extension types and arrays of them get a per-database OID,
 * looked up once in pg_type and cached for the executor's lifetime. Domains need no lookup: Postgres
 * reports a domain column with its base type's OID.
 */
const BUILTIN: Record<number, string> = {
  16: "bool",
  17: "bytea",
  18: "char",
  19: "name",
  20: "int8",
  21: "int2",
  23: "int4",
  24: "regproc",
  25: "text",
  26: "oid",
  114: "json",
  142: "xml",
  199: "_json",
  600: "point",
  650: "cidr",
  700: "float4",
  701: "float8",
  705: "unknown",
  790: "money",
  829: "macaddr",
  869: "inet",
  1000: "_bool",
  1001: "_bytea",
  1002: "_char",
  1003: "_name",
  1005: "_int2",
  1007: "_int4",
  1009: "_text",
  1014: "_bpchar",
  1015: "_varchar",
  1016: "_int8",
  1021: "_float4",
  1022: "_float8",
  1028: "_oid",
  1033: "aclitem",
  1042: "bpchar",
  1043: "varchar",
  1082: "date",
  1083: "time",
  1114: "timestamp",
  1115: "_timestamp",
  1182: "_date",
  1183: "_time",
  1184: "timestamptz",
  1185: "_timestamptz",
  1186: "interval",
  1187: "_interval",
  1231: "_numeric",
  1266: "timetz",
  1560: "bit",
  1562: "varbit",
  1700: "numeric",
  2205: "regclass",
  2206: "regtype",
  2249: "record",
  2950: "uuid",
  2951: "_uuid",
  3614: "tsvector",
  3802: "jsonb",
  3807: "_jsonb",
  3904: "int4range",
  3906: "numrange",
  3908: "tsrange",
  3910: "tstzrange",
  3912: "daterange",
  3926: "int8range",
  4089: "regnamespace",
};

/** Fetches `oid, typname` rows for the given OIDs, e.g. with {@link TYPE_NAME_QUERY}. */
export type TypeNameLookup = (oids: number[]) => Promise<{ oid: number; name: string }[]>;

/** Bind the OIDs as one text array literal (`{16384,16390}`): works over every driver. */
export const TYPE_NAME_QUERY =
  "SELECT oid::int8, typname::text FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])";

export class TypeNames {
  private readonly known = new Map<number, string>(
    Object.entries(BUILTIN).map(([oid, name]) => [Number(oid), name]),
  );

  /**
   * Type names of result columns, looking up the OIDs not seen before with `lookup` (one query per
   * new set; an OID pg_type does not know stays "unknown" and its values stay text).
   */
  async resultColumns(
    fields: readonly { name: string; dataTypeID: number }[],
    lookup: TypeNameLookup,
  ): Promise<ResultColumn[]> {
    const unknown = [...new Set(fields.map((f) => f.dataTypeID).filter((oid) => !this.known.has(oid)))];
    if (unknown.length > 0) {
      for (const { oid, name } of await lookup(unknown)) this.known.set(oid, name);
      for (const oid of unknown) if (!this.known.has(oid)) this.known.set(oid, "unknown");
    }
    return fields.map((field) => {
      const nativeType = this.known.get(field.dataTypeID) ?? "unknown";
      return { name: field.name, type: columnTypeOf(nativeType), nativeType };
    });
  }
}

/** Postgres text rows (null = SQL NULL) to normalized JSON-safe rows (values.ts). */
export function normalizeTextRows(
  columns: ResultColumn[],
  rows: readonly (readonly (string | null)[])[],
): JsonValue[][] {
  return rows.map((row) =>
    columns.map((column, i) => normalizeText(row[i] ?? null, column.type, column.nativeType)),
  );
}
