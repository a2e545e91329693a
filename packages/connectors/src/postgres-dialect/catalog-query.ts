/**
 * The whole catalog in ONE statement and ONE row (`catalog`, a json array), so `listTables` is a single
 * round trip whatever the number of tables. `POSTGRES_CATALOG_ENTRIES` is its WITH clause, ending in
 * `entries` (nspname, relname, entry: one table's json), which the Aurora dialect aggregates its own
 * way. Tables, columns and foreign keys are json ARRAYS, not objects (positions are listed in
 * parse-catalog.ts): without a key repeated in every column the text is about half as long, which is
 * what the Aurora Data API's 1 MiB response limit counts.
 *
 * Every per-table detail (columns, primary key, foreign keys) is aggregated once per kind with GROUP BY and joined by table oid: no correlated subquery per table
 * or column, so 2,000 tables cost a few hash joins over pg_attribute, not 2,000 lookups.
 *
 * What is listed: tables, views, materialized views, foreign tables and partitioned tables the current
 * user may SELECT from (and whose schema it may use), in every schema but Postgres's own
 * (pg_catalog, information_schema, pg_toast*, pg_temp_*). Partitions are left out: their rows are read
 * through the partitioned parent, and a table with 365 daily partitions should not list 366 tables.
 *
 * Estimated rows come from the statistics, never COUNT(*): `pg_class.reltuples` (kept by
 * VACUUM/ANALYZE) or, for a table never analyzed yet (reltuples = -1, PG14+), the live-row count the
 * cumulative statistics keep from every insert and delete (`pg_stat_user_tables.n_live_tup`), so a
 * freshly loaded database shows estimates before autovacuum first gets to it. That count is only
 * trusted once the statistics have seen the table written to since their last reset; otherwise, and
 * for views, the estimate is null (unknown).
 *
 * Written for PostgreSQL 14+ (Neon, PGlite and PG 15 here); only pg_catalog, no information_schema,
 * which is slow (its views check privileges column by column).
 */
export const POSTGRES_CATALOG_ENTRIES = `
WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind,
         CASE
           WHEN c.relkind = 'v' THEN NULL
           WHEN c.reltuples >= 0 THEN c.reltuples::float8
           WHEN pg_catalog.pg_stat_get_tuples_inserted(c.oid) > 0
             THEN pg_catalog.pg_stat_get_live_tuples(c.oid)::float8
         END AS estimated_rows
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%'
    AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
    AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
),
cols AS (
  SELECT a.attrelid,
         json_agg(json_build_array(
           a.attname,
           a.attnum,
           pg_catalog.format_type(a.atttypid, a.atttypmod),
           CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END,
           a.attnotnull,
           d.description
         ) ORDER BY a.attnum) AS columns
  FROM pg_catalog.pg_attribute a
  JOIN rel ON rel.oid = a.attrelid
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid
),
pk AS (
  SELECT con.conrelid, json_agg(a.attname ORDER BY k.ord) AS columns
  FROM pg_catalog.pg_constraint con
  JOIN rel ON rel.oid = con.conrelid
  CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  WHERE con.contype = 'p'
  GROUP BY con.conrelid
),
fk_one AS (
  SELECT con.conrelid, con.conname, con.confrelid,
         json_agg(a.attname ORDER BY k.ord) AS columns,
         json_agg(fa.attname ORDER BY k.ord) AS ref_columns
  FROM pg_catalog.pg_constraint con
  JOIN rel ON rel.oid = con.conrelid
  CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, ref_attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.ref_attnum
  WHERE con.contype = 'f'
  GROUP BY con.oid, con.conrelid, con.conname, con.confrelid
),
fk AS (
  SELECT f.conrelid,
         json_agg(json_build_array(f.conname, f.columns, rn.nspname, rc.relname, f.ref_columns)
           ORDER BY f.conname) AS foreign_keys
  FROM fk_one f
  JOIN pg_catalog.pg_class rc ON rc.oid = f.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  GROUP BY f.conrelid
),
entries AS (
  SELECT r.nspname, r.relname,
         json_build_array(
           r.nspname,
           r.relname,
           r.relkind,
           r.estimated_rows,
           d.description,
           coalesce(cols.columns, '[]'::json),
           coalesce(pk.columns, '[]'::json),
           coalesce(fk.foreign_keys, '[]'::json)
         ) AS entry
  FROM rel r
  LEFT JOIN cols ON cols.attrelid = r.oid
  LEFT JOIN pk ON pk.conrelid = r.oid
  LEFT JOIN fk ON fk.conrelid = r.oid
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
)`;

export const POSTGRES_CATALOG_QUERY = `${POSTGRES_CATALOG_ENTRIES}
SELECT coalesce(json_agg(e.entry ORDER BY e.nspname, e.relname), '[]'::json) AS catalog
FROM entries e
`;
