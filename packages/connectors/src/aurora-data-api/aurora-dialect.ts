import type { Catalog } from "../core/connector.ts";
import type { ExecutedStatement, SqlDialect } from "../core/sql-executor.ts";
import { POSTGRES_CATALOG_QUERY } from "../postgres-dialect/catalog-query.ts";
import { parsePostgresCatalog } from "../postgres-dialect/parse-catalog.ts";
import { postgresDialect } from "../postgres-dialect/postgres-dialect.ts";

/**
 * Aurora PostgreSQL is Postgres, so the Postgres dialect, except for the catalog's shape: the
 * Postgres catalog query returns the whole catalog as ONE json value, and the RDS Data API refuses a
 * row over 64 KB (a few dozen tables). Here the same query is unnested into one row per table (in the
 * catalog's order), each well under the row limit; when all rows together pass the 1 MiB response
 * limit, the executor reads them in chunks. Still one statement, one consistent snapshot.
 */
export const AURORA_CATALOG_QUERY = `SELECT t.entry AS table_entry
FROM (${POSTGRES_CATALOG_QUERY}) AS c
CROSS JOIN LATERAL json_array_elements(c.catalog) WITH ORDINALITY AS t(entry, ord)
ORDER BY t.ord`;

/** One row per table → the single json array the Postgres parser reads. */
export function parseAuroraCatalog(result: ExecutedStatement): Catalog {
  const entries = result.rows.map((row) => row[0] ?? null);
  return parsePostgresCatalog({ columns: result.columns.slice(0, 1), rows: [[entries]] });
}

export const auroraDialect: SqlDialect = {
  ...postgresDialect,
  catalogQuery: AURORA_CATALOG_QUERY,
  parseCatalog: parseAuroraCatalog,
};
