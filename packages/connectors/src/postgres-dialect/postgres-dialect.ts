import type { SqlDialect } from "../core/sql-executor.ts";
import { POSTGRES_CATALOG_QUERY } from "./catalog-query.ts";
import { buildKeysetPage, quotePostgresIdentifier } from "./keyset-sql.ts";
import { parsePostgresCatalog } from "./parse-catalog.ts";

/**
 * SQL for PostgreSQL and the engines that speak it unchanged (Neon, Aurora PostgreSQL through the
 * Data API, PGlite). Checked on PostgreSQL 15 and PGlite (PostgreSQL 17/18).
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  versionQuery: `SELECT 'PostgreSQL ' || pg_catalog.current_setting('server_version') AS version, pg_catalog.current_database() AS database, current_user AS "user"`,
  catalogQuery: POSTGRES_CATALOG_QUERY,
  parseCatalog: parsePostgresCatalog,
  quoteIdentifier: quotePostgresIdentifier,
  keysetPage: buildKeysetPage,
  limitRows: limitPostgresRows,
};

/**
 * Wraps a guarded SELECT so that at most `maxRows + 1` rows come back. The statement goes on its own
 * lines so a trailing `-- comment` cannot swallow the closing parenthesis, and trailing semicolons are
 * dropped because a subquery cannot end with one. `SELECT *` over a subquery keeps duplicate column
 * names, and a subquery's ORDER BY is kept by the outer LIMIT.
 */
export function limitPostgresRows(sql: string, maxRows: number): string {
  const statement = sql.replace(/[\s;]+$/, "");
  return `SELECT * FROM (\n${statement}\n) AS q LIMIT ${Math.max(0, Math.floor(maxRows)) + 1}`;
}
