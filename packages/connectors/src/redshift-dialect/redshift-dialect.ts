import type { SqlDialect } from "../core/sql-executor.ts";
import { quotePostgresIdentifier } from "../postgres-dialect/keyset-sql.ts";
import { limitPostgresRows } from "../postgres-dialect/postgres-dialect.ts";
import { REDSHIFT_CATALOG_QUERY } from "./catalog-query.ts";
import { buildRedshiftKeysetPage } from "./keyset-sql.ts";
import { parseRedshiftCatalog } from "./parse-catalog.ts";

/**
 * SQL that Amazon Redshift accepts, and that also runs unchanged on PostgreSQL (the local emulator
 * and Postgres-protocol endpoints): the catalog over pg_catalog tables (catalog-query.ts), keyset
 * pages without row-value comparison (keyset-sql.ts), the agent's SELECT wrapped in a subquery with
 * LIMIT. Estimated row counts need a second, engine-specific statement (estimated-rows.ts), which the
 * Redshift connector runs next to the catalog query.
 */
export const redshiftDialect: SqlDialect = {
  name: "redshift",
  /** "Redshift 1.0.12103" on Redshift (cut from version()), "PostgreSQL 15.4" elsewhere. */
  versionQuery: `SELECT CASE WHEN POSITION('Redshift' IN version()) > 0
            THEN SUBSTRING(version() FROM POSITION('Redshift' IN version()))
            ELSE 'PostgreSQL ' || current_setting('server_version') END AS version,
       current_database() AS database, current_user AS "user"`,
  catalogQuery: REDSHIFT_CATALOG_QUERY,
  parseCatalog: parseRedshiftCatalog,
  quoteIdentifier: quotePostgresIdentifier,
  keysetPage: buildRedshiftKeysetPage,
  limitRows: limitPostgresRows,
};
