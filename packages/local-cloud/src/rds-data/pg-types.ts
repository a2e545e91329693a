import type pg from "pg";
import { queryRaw } from "../postgres/postgres-backend.ts";

/** How a value of a Postgres type becomes a Data API Field. */
export type ValueKind = "long" | "double" | "decimal" | "bool" | "blob" | "timestamptz" | "string";

/** What the emulator knows about a type OID: enough to convert values and describe columns. */
export interface PgType {
  oid: number;
  /** `pg_type.typname` (`int4`, `_text`, an enum's name), as pgjdbc reports it. */
  name: string;
  kind: ValueKind;
  /** `java.sql.Types` code pgjdbc maps the type to (the Data API's `ColumnMetadata.type`). */
  jdbcType: number;
  /** Set for array types. */
  element?: PgType | undefined;
  /** Element separator in the array literal (`,`, or `;` for box). */
  delimiter: string;
}

const JDBC = {
  BIT: -7,
  BIGINT: -5,
  BINARY: -2,
  CHAR: 1,
  NUMERIC: 2,
  INTEGER: 4,
  SMALLINT: 5,
  REAL: 7,
  DOUBLE: 8,
  VARCHAR: 12,
  DATE: 91,
  TIME: 92,
  TIMESTAMP: 93,
  OTHER: 1111,
  DISTINCT: 2001,
  STRUCT: 2002,
  ARRAY: 2003,
  SQLXML: 2009,
  REF_CURSOR: 2012,
} as const;

/** [oid, typname, kind, JDBC type, array type oid] of the built-in types, from pg_type and pgjdbc's TypeInfoCache. */
const BUILTIN: [number, string, ValueKind, number, number][] = [
  [16, "bool", "bool", JDBC.BIT, 1000],
  [17, "bytea", "blob", JDBC.BINARY, 1001],
  [18, "char", "string", JDBC.CHAR, 1002],
  [19, "name", "string", JDBC.VARCHAR, 1003],
  [20, "int8", "long", JDBC.BIGINT, 1016],
  [21, "int2", "long", JDBC.SMALLINT, 1005],
  [23, "int4", "long", JDBC.INTEGER, 1007],
  [25, "text", "string", JDBC.VARCHAR, 1009],
  [26, "oid", "long", JDBC.BIGINT, 1028],
  [114, "json", "string", JDBC.OTHER, 199],
  [142, "xml", "string", JDBC.SQLXML, 143],
  [600, "point", "string", JDBC.OTHER, 1017],
  [603, "box", "string", JDBC.OTHER, 1020],
  [650, "cidr", "string", JDBC.OTHER, 651],
  [700, "float4", "double", JDBC.REAL, 1021],
  [701, "float8", "double", JDBC.DOUBLE, 1022],
  [790, "money", "string", JDBC.DOUBLE, 791],
  [829, "macaddr", "string", JDBC.OTHER, 1040],
  [869, "inet", "string", JDBC.OTHER, 1041],
  [1042, "bpchar", "string", JDBC.CHAR, 1014],
  [1043, "varchar", "string", JDBC.VARCHAR, 1015],
  [1082, "date", "string", JDBC.DATE, 1182],
  [1083, "time", "string", JDBC.TIME, 1183],
  [1114, "timestamp", "string", JDBC.TIMESTAMP, 1115],
  [1184, "timestamptz", "timestamptz", JDBC.TIMESTAMP, 1185],
  [1186, "interval", "string", JDBC.OTHER, 1187],
  [1266, "timetz", "string", JDBC.TIME, 1270],
  [1560, "bit", "string", JDBC.BIT, 1561],
  [1562, "varbit", "string", JDBC.OTHER, 1563],
  [1700, "numeric", "decimal", JDBC.NUMERIC, 1231],
  [1790, "refcursor", "string", JDBC.REF_CURSOR, 2201],
  [2950, "uuid", "string", JDBC.OTHER, 2951],
  [3614, "tsvector", "string", JDBC.OTHER, 3643],
  [3802, "jsonb", "string", JDBC.OTHER, 3807],
];

const builtinTypes = new Map<number, PgType>();
for (const [oid, name, kind, jdbcType, arrayOid] of BUILTIN) {
  const type: PgType = { oid, name, kind, jdbcType, delimiter: oid === 603 ? ";" : "," };
  builtinTypes.set(oid, type);
  builtinTypes.set(arrayOid, {
    oid: arrayOid,
    name: `_${name}`,
    kind: "string",
    jdbcType: JDBC.ARRAY,
    element: type,
    delimiter: type.delimiter,
  });
}

/** Types learned from a database's catalog, per database (enum and composite OIDs differ between databases). */
const learnedTypes = new Map<string, Map<number, PgType>>();

/**
 * Resolves the type of every OID in `oids`, asking `pg_type` (through the statement's own session,
 * which may be inside a transaction) only for OIDs that are not built in and not yet known.
 */
export async function resolveTypes(
  client: pg.PoolClient | pg.Client,
  databaseKey: string,
  oids: number[],
): Promise<Map<number, PgType>> {
  let learned = learnedTypes.get(databaseKey);
  if (!learned) learnedTypes.set(databaseKey, (learned = new Map<number, PgType>()));
  const known = (oid: number) => builtinTypes.get(oid) ?? learned.get(oid);
  let missing = [...new Set(oids.filter((oid) => !known(oid)))];
  // Two rounds: an array's element type may itself be unknown (an enum array).
  for (let round = 0; round < 2 && missing.length > 0; round++) {
    const result = await queryRaw(
      client,
      "SELECT oid::int8, typname, typtype, typcategory, typelem::int8, typdelim FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])",
      [`{${missing.join(",")}}`],
    );
    const next: number[] = [];
    // Arrays last, so an array whose element type came in the same answer finds it.
    const rows = [...result.rows].sort((a, b) => Number(a[3] === "A") - Number(b[3] === "A"));
    for (const [oidText, name, typtype, category, elementText, delimiter] of rows) {
      const oid = Number(oidText);
      const elementOid = category === "A" ? Number(elementText) : 0;
      const element = elementOid ? known(elementOid) : undefined;
      if (elementOid && !element) {
        next.push(elementOid, oid);
        continue;
      }
      learned.set(oid, describe(oid, name ?? String(oid), typtype ?? "b", element, delimiter ?? ","));
    }
    missing = [...new Set(next.filter((oid) => !known(oid)))];
  }
  const types = new Map<number, PgType>();
  for (const oid of oids) types.set(oid, known(oid) ?? describe(oid, String(oid), "b", undefined, ","));
  return types;
}

function describe(
  oid: number,
  name: string,
  typtype: string,
  element: PgType | undefined,
  delimiter: string,
): PgType {
  if (element)
    return { oid, name, kind: "string", jdbcType: JDBC.ARRAY, element, delimiter: element.delimiter };
  // pgjdbc: composite → STRUCT, domain → DISTINCT, enum → VARCHAR, anything else → OTHER.
  const jdbcType =
    typtype === "c"
      ? JDBC.STRUCT
      : typtype === "d"
        ? JDBC.DISTINCT
        : typtype === "e"
          ? JDBC.VARCHAR
          : JDBC.OTHER;
  return { oid, name, kind: "string", jdbcType, delimiter };
}
