import type { Catalog, TableRef } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import { ALLOWED_POSTGRES_FUNCTIONS, ALLOWED_REDSHIFT_FUNCTIONS } from "./allowed-functions.ts";
import { ALLOWED_CAST_TYPES, REDSHIFT_CAST_TYPES } from "./allowed-syntax.ts";
import { SelectWalker } from "./ast-walk.ts";
import { parseOneStatement } from "./parse-sql.ts";
import { TableResolver, tableKey } from "./table-resolver.ts";

export { loadParser, MAX_NESTING, MAX_SQL_LENGTH, MAX_SQL_TOKENS } from "./parse-sql.ts";

const REDSHIFT_AND_POSTGRES_CAST_TYPES: ReadonlySet<string> = new Set([
  ...ALLOWED_CAST_TYPES,
  ...REDSHIFT_CAST_TYPES,
]);

export interface GuardOptions {
  /**
   * The engine the SQL will run on. `redshift` also allows Redshift's own built-ins (getdate,
   * dateadd, nvl, listagg, ...), which on Postgres could only be user-defined functions.
   * Default `postgres`.
   */
  dialect?: "postgres" | "redshift";
  /**
   * Schemas searched for unqualified table names, in order, as the connection's search_path
   * (without `$user`, which is why a name present in several schemas must be qualified).
   * Default `["public"]`.
   */
  searchPath?: readonly string[];
}

export interface SelectAnalysis {
  /** Catalog tables and views the statement reads, in order of first appearance; CTE names excluded. */
  tables: TableRef[];
  /** The statement alone: no trailing semicolon, comment or whitespace; safe to wrap in a subquery. */
  statement: string;
}

/**
 * Parses `sql` with the real PostgreSQL parser (libpg-query) and accepts it only if it is exactly one
 * SELECT (WITH, UNION/INTERSECT/EXCEPT, VALUES and subqueries allowed) that:
 * - reads only catalog tables, resolved like the server resolves them (CTE names are not tables);
 * - calls only allow-listed built-in functions and operators, and casts only to built-in types;
 * - has no INTO, no FOR UPDATE/SHARE, no data-modifying CTE, no XML, no TABLESAMPLE.
 *
 * Rejects with `ConnectorError`: `rejected_sql` for anything refused, `syntax` when the SQL does not
 * parse (with the parser's message and position), `not_found` for a table missing from the catalog
 * (the connector reloads its catalog once on that code).
 *
 * The guard does not bound run time: a cartesian join or a recursive CTE is valid SQL, so the
 * statement timeout and the row cap of the read-only transaction remain necessary.
 */
export async function analyzeSelect(
  sql: string,
  catalog: Catalog,
  options: GuardOptions = {},
): Promise<SelectAnalysis> {
  const { node, text } = await parseOneStatement(sql);
  const redshift = options.dialect === "redshift";
  const walker = new SelectWalker({
    resolver: new TableResolver(catalog, options.searchPath ?? ["public"]),
    functions: redshift ? ALLOWED_REDSHIFT_FUNCTIONS : ALLOWED_POSTGRES_FUNCTIONS,
    castTypes: redshift ? REDSHIFT_AND_POSTGRES_CAST_TYPES : ALLOWED_CAST_TYPES,
  });
  return { tables: walker.walkStatement(node), statement: text };
}

/**
 * The guard `createSqlConnector` runs before every agent query: `analyzeSelect`, then, when
 * `allowedTables` is given, refuses any table outside it.
 */
export async function guardReadOnlySelect(
  sql: string,
  allowedTables: TableRef[] | undefined,
  catalog: Catalog,
  options: GuardOptions = {},
): Promise<void> {
  const { tables } = await analyzeSelect(sql, catalog, options);
  if (allowedTables === undefined) return;
  const allowed = new Set(allowedTables.map(tableKey));
  const refused = tables.filter((table) => !allowed.has(tableKey(table)));
  if (refused.length > 0) {
    const names = refused.map((table) => `${table.schema}.${table.name}`).join(", ");
    throw new ConnectorError(
      "rejected_sql",
      `This query may not read ${names}; allowed tables are ${describe(allowedTables)}.`,
    );
  }
}

function describe(tables: TableRef[]): string {
  if (tables.length === 0) return "none";
  const names = tables.slice(0, 10).map((table) => `${table.schema}.${table.name}`);
  return tables.length > 10 ? `${names.join(", ")} and ${tables.length - 10} more` : names.join(", ");
}
