import type { Catalog } from "../core/connector.ts";
import type { ExecutedStatement } from "../core/sql-executor.ts";

/**
 * Estimated row counts for the Redshift catalog, a second statement chosen by engine:
 *
 * - Redshift keeps table statistics in SVV_TABLE_INFO (`estimated_visible_rows`: rows not marked
 *   deleted, `tbl_rows` when that is unknown). It only lists tables with data that the user may
 *   see, and it reads compute-node state, so it cannot be part of the leader-node catalog query.
 * - A Postgres server reached as "Redshift" (the local emulator, or a Postgres-protocol endpoint that
 *   is not Redshift) has no SVV_ views; there `pg_class.reltuples` is the same statistic (-1 =
 *   never analyzed, then the live-row count of the cumulative statistics, as the Postgres dialect
 *   reads it; see postgres-dialect/catalog-query.ts).
 *
 * The engine is told by `versionQuery`: Redshift's version() names Redshift. Nothing here knows about
 * the emulator: any non-Redshift server gets the Postgres statistics.
 */
export const REDSHIFT_ESTIMATED_ROWS_QUERY = `SELECT CAST("schema" AS VARCHAR(128)) AS schema_name, CAST("table" AS VARCHAR(128)) AS table_name,
  CAST(COALESCE(estimated_visible_rows, tbl_rows) AS BIGINT) AS estimated_rows
FROM svv_table_info`;

export const POSTGRES_ESTIMATED_ROWS_QUERY = `SELECT n.nspname AS schema_name, c.relname AS table_name,
  CASE
    WHEN c.reltuples >= 0 THEN CAST(c.reltuples AS BIGINT)
    WHEN pg_catalog.pg_stat_get_tuples_inserted(c.oid) > 0 THEN pg_catalog.pg_stat_get_live_tuples(c.oid)
  END AS estimated_rows
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm', 'f', 'p') AND LEFT(n.nspname, 3) <> 'pg_' AND n.nspname <> 'information_schema'`;

/** True when the version text (from `versionQuery`) is Redshift's. */
export function isRedshiftVersion(version: string): boolean {
  return /\bRedshift\b/i.test(version);
}

export function estimatedRowsQueryFor(version: string): string {
  return isRedshiftVersion(version) ? REDSHIFT_ESTIMATED_ROWS_QUERY : POSTGRES_ESTIMATED_ROWS_QUERY;
}

/** The catalog with `estimatedRows` set from an estimated-rows result (tables it does not list stay null). */
export function withEstimatedRows(catalog: Catalog, result: ExecutedStatement): Catalog {
  const estimates = new Map<string, number>();
  for (const [schema, table, rows] of result.rows) {
    const count = typeof rows === "string" || typeof rows === "number" ? Number(rows) : NaN;
    if (Number.isFinite(count)) estimates.set(JSON.stringify([schema, table]), count);
  }
  return {
    tables: catalog.tables.map((table) => ({
      ...table,
      estimatedRows:
        table.kind === "view"
          ? null
          : (estimates.get(JSON.stringify([table.schema, table.name])) ?? table.estimatedRows),
    })),
  };
}
