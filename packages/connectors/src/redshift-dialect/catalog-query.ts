/**
 * Redshift's catalog in ONE statement, over the pg_catalog tables that Redshift's leader node and
 * current PostgreSQL both have (pg_class, pg_namespace, pg_attribute, pg_type, pg_constraint,
 * pg_description) and only syntax both accept: WITH, CAST, UNION ALL, array subscripts,
 * generate_series, format_type and has_table_privilege (leader-node functions on Redshift, which is
 * where a query over catalog tables alone runs). No json_agg, LATERAL, FILTER, ::regclass, unnest,
 * array results or string_agg/LISTAGG (neither engine has the other's), so the catalog comes back as
 * flat rows, one per table, column, primary-key column and foreign-key column, told apart by
 * `entry`, and parse-catalog.ts assembles them. The same SQL therefore runs on Redshift and on the
 * Postgres-backed local emulator.
 *
 * Not information_schema: on PostgreSQL its views check privileges column by column and unnest every
 * constraint (1.4–2.3 s for 2,000 tables here, against ~0.2 s for this query); the same rows come
 * from the catalog tables directly.
 *
 * Columns (NULL where an entry has no use for them):
 *
 * | column     | table                     | column                    | primary_key | foreign_key       |
 * |------------|---------------------------|---------------------------|-------------|-------------------|
 * | item       |                           | column name               | column name | column name       |
 * | position   |                           | ordinal (attnum)          | key order   | key order         |
 * | detail     | BASE TABLE/VIEW/FOREIGN   | format_type(type)         | constraint  | constraint        |
 * | type_name  |                           | a domain's base type      |             |                   |
 * | is_nullable|                           | YES / NO                  |             |                   |
 * | ref_*      |                           |                           |             | referenced column |
 * | remarks    | comment                   | comment                   |             |                   |
 *
 * What is listed: tables, views and foreign tables (and, on PostgreSQL, partitioned tables and their
 * partitions, as information_schema listed them) the current user holds a privilege on, outside the
 * engine's own schemas. Late-binding views are views in pg_class too; Spectrum external tables are
 * not in pg_class and are not listed.
 *
 * Estimated row counts are not here: Redshift keeps them in SVV_TABLE_INFO, which runs on the compute
 * nodes and cannot be joined with leader-node catalog tables in one query; see estimated-rows.ts.
 */

/** Schemas that hold the engine's own objects: Postgres reserves `pg_`, Redshift uses it too. */
const USER_SCHEMA = (column: string) => `LEFT(${column}, 3) <> 'pg_' AND ${column} <> 'information_schema'`;

/** pg_description.classoid of relations, found without ::regclass, which Redshift lacks. */
const PG_CLASS_OID = `(SELECT k.oid FROM pg_catalog.pg_class k JOIN pg_catalog.pg_namespace kn ON kn.oid = k.relnamespace
      WHERE k.relname = 'pg_class' AND kn.nspname = 'pg_catalog')`;

/** A key has at most 32 columns (INDEX_MAX_KEYS, on Redshift too): positions to read conkey[i] at. */
const KEY_POSITIONS = "generate_series(1, 32)";

const text = (expression: string, length = 128) => `CAST(${expression} AS VARCHAR(${length}))`;
const integer = (expression: string) => `CAST(${expression} AS INTEGER)`;

function entry(
  kind: string,
  values: Partial<
    Record<
      | "item"
      | "position"
      | "detail"
      | "typeName"
      | "nullable"
      | "refSchema"
      | "refTable"
      | "refColumn"
      | "remarks",
      string
    >
  >,
): string {
  const v = (key: keyof typeof values) => values[key] ?? "NULL";
  return `SELECT ${text(`'${kind}'`, 16)} AS entry,
  ${text("r.nspname")} AS schema_name,
  ${text("r.relname")} AS table_name,
  ${text(v("item"))} AS item,
  ${integer(v("position"))} AS position,
  ${text(v("detail"), 256)} AS detail,
  ${text(v("typeName"), 256)} AS type_name,
  ${text(v("nullable"), 3)} AS is_nullable,
  ${text(v("refSchema"))} AS ref_schema,
  ${text(v("refTable"))} AS ref_table,
  ${text(v("refColumn"))} AS ref_column,
  ${text(v("remarks"), 65535)} AS remarks`;
}

/**
 * information_schema's rule, kept: a relation is listed when the user holds any privilege on it (an
 * owner holds them all), so one that may be written but not read is listed, and reading it fails
 * with `permission` rather than `not_found`. One call per privilege: Redshift takes no list.
 */
const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES"];

/** The relations listed, named once and joined by every part. */
const RELATIONS = `WITH rel AS (
  SELECT c.oid, c.relkind, n.nspname, c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'f')
    AND ${USER_SCHEMA("n.nspname")}
    AND (${TABLE_PRIVILEGES.map((privilege) => `has_table_privilege(c.oid, '${privilege}')`).join(" OR ")})
)
`;

/** One row per column of a primary or foreign key, in key order (`k.i`). */
const KEY_COLUMNS = (type: string) => `FROM rel r
  JOIN pg_catalog.pg_constraint con ON con.conrelid = r.oid AND con.contype = '${type}'
  CROSS JOIN ${KEY_POSITIONS} AS k(i)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[k.i]`;

export const REDSHIFT_CATALOG_QUERY = `${RELATIONS}${entry("table", {
  detail: "CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN' ELSE 'BASE TABLE' END",
  remarks: "d.description",
})}
FROM rel r
  LEFT JOIN pg_catalog.pg_description d ON d.objoid = r.oid AND d.objsubid = 0 AND d.classoid = ${PG_CLASS_OID}
UNION ALL
${entry("column", {
  item: "a.attname",
  position: "a.attnum",
  detail: "format_type(a.atttypid, a.atttypmod)",
  typeName: "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END",
  nullable: "CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END",
  remarks: "d.description",
})}
FROM rel r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_description d ON d.objoid = r.oid AND d.objsubid = a.attnum AND d.classoid = ${PG_CLASS_OID}
UNION ALL
${entry("primary_key", { item: "a.attname", position: "k.i", detail: "con.conname" })}
${KEY_COLUMNS("p")}
UNION ALL
${entry("foreign_key", {
  item: "a.attname",
  position: "k.i",
  detail: "con.conname",
  refSchema: "fn.nspname",
  refTable: "fc.relname",
  refColumn: "fa.attname",
})}
${KEY_COLUMNS("f")}
  JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
  JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.i]`;
