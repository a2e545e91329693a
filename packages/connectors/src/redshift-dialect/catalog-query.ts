/**
 * Redshift's catalog in ONE statement, written only with what Redshift (a PostgreSQL 8.0 descendant)
 * and current PostgreSQL both accept: the information_schema views, plain joins to pg_catalog for
 * comments, CAST, UNION ALL. No json_agg, LATERAL, FILTER, ::regclass, array results or
 * string_agg/LISTAGG (neither engine has the other's), so the catalog comes back as flat rows, one
 * per table, column, primary-key column and foreign-key column, told apart by `entry`, and
 * parse-catalog.ts assembles them. The same SQL therefore runs on Redshift and on the Postgres-backed
 * local emulator.
 *
 * Columns (NULL where an entry has no use for them):
 *
 * | column            | table       | column                       | primary_key | foreign_key        |
 * |-------------------|-------------|------------------------------|-------------|--------------------|
 * | item              |             | column name                  | column name | column name        |
 * | position          |             | ordinal (attnum)             | key order   | key order          |
 * | detail            | table_type  | data_type                    | constraint  | constraint         |
 * | type_schema/_name |             | udt_schema, udt_name         |             |                    |
 * | lengths           |             | char length, precision/scale |             |                    |
 * | ref_*             |             |                              |             | referenced column  |
 * | remarks           | comment     | comment                      |             |                    |
 *
 * Estimated row counts are not here: Redshift keeps them in SVV_TABLE_INFO, which runs on the compute
 * nodes and cannot be joined with leader-node catalog views in one query; see estimated-rows.ts.
 *
 * Known limits: late-binding views, materialized views and Spectrum external tables are not in
 * information_schema, so they are not listed; foreign-key columns are paired with the referenced key
 * by `position_in_unique_constraint`, which older information_schema versions (Redshift's) leave
 * NULL, so there the FK's own column order is used.
 */

/** Schemas that hold the engine's own objects: Postgres reserves `pg_`, Redshift uses it too. */
const USER_SCHEMA = (column: string) => `LEFT(${column}, 3) <> 'pg_' AND ${column} <> 'information_schema'`;

/** pg_description.classoid of relations, found without ::regclass, which Redshift lacks. */
const PG_CLASS_OID = `(SELECT k.oid FROM pg_catalog.pg_class k JOIN pg_catalog.pg_namespace kn ON kn.oid = k.relnamespace
      WHERE k.relname = 'pg_class' AND kn.nspname = 'pg_catalog')`;

/** Joins that find a relation's pg_class row by name, for its comments. */
const RELATION_JOIN = (alias: string) => `
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.nspname = ${alias}.table_schema
  LEFT JOIN pg_catalog.pg_class rc ON rc.relnamespace = rn.oid AND rc.relname = ${alias}.table_name`;

const text = (expression: string, length = 128) => `CAST(${expression} AS VARCHAR(${length}))`;
const integer = (expression: string) => `CAST(${expression} AS INTEGER)`;

function entry(
  kind: string,
  values: Partial<
    Record<
      | "item"
      | "position"
      | "detail"
      | "typeSchema"
      | "typeName"
      | "charLength"
      | "precision"
      | "scale"
      | "nullable"
      | "refSchema"
      | "refTable"
      | "refColumn"
      | "remarks",
      string
    >
  >,
  alias: string,
): string {
  const v = (key: keyof typeof values) => values[key] ?? "NULL";
  return `SELECT ${text(`'${kind}'`, 16)} AS entry,
  ${text(`${alias}.table_schema`)} AS schema_name,
  ${text(`${alias}.table_name`)} AS table_name,
  ${text(v("item"))} AS item,
  ${integer(v("position"))} AS position,
  ${text(v("detail"))} AS detail,
  ${text(v("typeSchema"))} AS type_schema,
  ${text(v("typeName"))} AS type_name,
  ${integer(v("charLength"))} AS char_length,
  ${integer(v("precision"))} AS numeric_precision,
  ${integer(v("scale"))} AS numeric_scale,
  ${text(v("nullable"), 3)} AS is_nullable,
  ${text(v("refSchema"))} AS ref_schema,
  ${text(v("refTable"))} AS ref_table,
  ${text(v("refColumn"))} AS ref_column,
  ${text(v("remarks"), 65535)} AS remarks`;
}

/**
 * key_column_usage is an expensive view on Postgres (it unnests every constraint's columns); joined to
 * itself for foreign keys it took over a minute on 2,000 tables. Named once in a WITH clause and used
 * three times, Postgres materializes it once and hash-joins; Redshift accepts the same syntax.
 */
const KEY_COLUMNS = `WITH kcu AS (
  SELECT constraint_schema, constraint_name, table_schema, table_name, column_name, ordinal_position,
         position_in_unique_constraint
  FROM information_schema.key_column_usage
  WHERE ${USER_SCHEMA("table_schema")}
)
`;

export const REDSHIFT_CATALOG_QUERY = `${KEY_COLUMNS}${entry("table", { detail: "t.table_type", remarks: "d.description" }, "t")}
FROM information_schema.tables t${RELATION_JOIN("t")}
  LEFT JOIN pg_catalog.pg_description d ON d.objoid = rc.oid AND d.objsubid = 0 AND d.classoid = ${PG_CLASS_OID}
WHERE ${USER_SCHEMA("t.table_schema")} AND t.table_type IN ('BASE TABLE', 'VIEW', 'FOREIGN', 'FOREIGN TABLE')
UNION ALL
${entry(
  "column",
  {
    item: "c.column_name",
    position: "c.ordinal_position",
    detail: "c.data_type",
    typeSchema: "c.udt_schema",
    typeName: "c.udt_name",
    charLength: "c.character_maximum_length",
    precision: "c.numeric_precision",
    scale: "c.numeric_scale",
    nullable: "c.is_nullable",
    remarks: "d.description",
  },
  "c",
)}
FROM information_schema.columns c${RELATION_JOIN("c")}
  LEFT JOIN pg_catalog.pg_description d ON d.objoid = rc.oid AND d.objsubid = c.ordinal_position AND d.classoid = ${PG_CLASS_OID}
WHERE ${USER_SCHEMA("c.table_schema")}
UNION ALL
${entry("primary_key", { item: "k.column_name", position: "k.ordinal_position", detail: "tc.constraint_name" }, "k")}
FROM information_schema.table_constraints tc
  JOIN kcu k
    ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
   AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
WHERE tc.constraint_type = 'PRIMARY KEY' AND ${USER_SCHEMA("tc.table_schema")}
UNION ALL
${entry(
  "foreign_key",
  {
    item: "k.column_name",
    position: "k.ordinal_position",
    detail: "rfk.constraint_name",
    refSchema: "r.table_schema",
    refTable: "r.table_name",
    refColumn: "r.column_name",
  },
  "k",
)}
FROM information_schema.referential_constraints rfk
  JOIN kcu k
    ON k.constraint_schema = rfk.constraint_schema AND k.constraint_name = rfk.constraint_name
  JOIN kcu r
    ON r.constraint_schema = rfk.unique_constraint_schema AND r.constraint_name = rfk.unique_constraint_name
   AND r.ordinal_position = COALESCE(k.position_in_unique_constraint, k.ordinal_position)
WHERE ${USER_SCHEMA("k.table_schema")}`;
