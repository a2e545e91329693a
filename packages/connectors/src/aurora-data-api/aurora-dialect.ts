import type { Catalog } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecutedStatement, SqlDialect } from "../core/sql-executor.ts";
import { POSTGRES_CATALOG_ENTRIES } from "../postgres-dialect/catalog-query.ts";
import { parsePostgresCatalog } from "../postgres-dialect/parse-catalog.ts";
import { postgresDialect } from "../postgres-dialect/postgres-dialect.ts";

/**
 * Bytes of table entries gathered in one row before the next row starts: a row is at most this plus
 * one table's entry, well under the Data API's 64 KB row limit for all but tables of hundreds of
 * columns, and small enough that a slice of rows can be sized finely when the whole catalog passes
 * the 1 MiB response limit (each row costs ~20 bytes of record wrapping, 0.1%).
 */
export const CATALOG_PART_BYTES = 4 * 1024;

/**
 * Aurora PostgreSQL is Postgres, so the Postgres dialect, except for the catalog's shape: the
 * Postgres catalog query returns the whole catalog as ONE json value, and the Data API refuses a row
 * over 64 KB (a few dozen tables). Here the same table entries (catalog-query.ts), in the catalog's
 * order, are joined into comma-separated parts of about CATALOG_PART_BYTES, one row each, which the
 * parser joins into the json array again. The catalog is computed once, in one statement, and comes
 * back in ONE call while it fits the 1 MiB response: about 2,500 tables of a few columns each, which
 * the compact entries make possible. A larger one is re-read in slices of these rows
 * (response-chunks.ts), in one snapshot.
 *
 * The parts are cut between entries, by a running total of their sizes, not by substr() on the
 * whole text: substr counts characters from the start of a UTF-8 text, so cutting N parts reads the
 * text N times (0.7 s for 2,000 tables).
 */
export const AURORA_CATALOG_QUERY = `${POSTGRES_CATALOG_ENTRIES},
sized AS (
  SELECT e.entry::text AS entry, e.nspname, e.relname,
         sum(octet_length(e.entry::text) + 1) OVER (ORDER BY e.nspname, e.relname) AS running_bytes
  FROM entries e
)
SELECT string_agg(s.entry, ',' ORDER BY s.nspname, s.relname) AS catalog_part
FROM sized s
GROUP BY floor(s.running_bytes / ${CATALOG_PART_BYTES})
ORDER BY floor(s.running_bytes / ${CATALOG_PART_BYTES})`;

/** The parts, joined in order → the single json array the Postgres parser reads. */
export function parseAuroraCatalog(result: ExecutedStatement): Catalog {
  const parts: string[] = [];
  for (const [part] of result.rows) {
    if (typeof part !== "string") {
      throw new ConnectorError("internal", "The catalog query returned an unexpected result.");
    }
    parts.push(part);
  }
  return parsePostgresCatalog({ columns: result.columns.slice(0, 1), rows: [[`[${parts.join(",")}]`]] });
}

export const auroraDialect: SqlDialect = {
  ...postgresDialect,
  catalogQuery: AURORA_CATALOG_QUERY,
  parseCatalog: parseAuroraCatalog,
};
