import type { Catalog, QueryParam, ResultColumn, TableInfo } from "./connector.ts";
import type { JsonValue } from "./values.ts";

/** Rows of one statement, already normalized (values.ts), in column order. */
export interface ExecutedStatement {
  columns: ResultColumn[];
  rows: JsonValue[][];
}

export interface ExecuteOptions {
  /** Hard limit: cancel the statement (where the engine allows) and throw `timeout`. */
  timeoutMs: number;
  /**
   * Run inside a read-only transaction (the engine refuses writes), with the statement timeout set
   * on the server too. Used for the agent's queries; catalog and keyset reads may skip it.
   */
  readOnly: boolean;
  /**
   * Called once the statement is sent, with a function that asks the server to stop it (where the
   * engine's protocol allows: the Postgres CancelRequest). Used by the console's cancel.
   */
  onCancellable?: (cancel: () => void) => void;
}

/**
 * The only engine-specific part of a SQL connector: run one statement with `$1..$n` parameters bound
 * (never spliced) and return normalized rows, mapping every failure to `ConnectorError`. Everything
 * else (catalog, preview, streaming, the read-only query) is shared code over an executor and a dialect.
 */
export interface SqlExecutor {
  execute(sql: string, params: readonly QueryParam[], options: ExecuteOptions): Promise<ExecutedStatement>;
  /**
   * Where the engine keeps a session (Postgres over TCP, Redshift direct): all rows of one read-only
   * statement through a server-side cursor, `batchSize` at a time, in one read-only transaction (one
   * snapshot), each FETCH under `timeoutMs`. Stopping the iteration rolls the transaction back. Engines
   * without it are read in LIMIT/OFFSET pages (console-export.ts).
   */
  cursor?(
    sql: string,
    params: readonly QueryParam[],
    options: { timeoutMs: number; batchSize: number },
  ): AsyncGenerator<ExecutedStatement>;
  close(): Promise<void>;
}

/** What differs between Postgres-family engines and Redshift in the SQL we generate. */
export interface SqlDialect {
  name: "postgres" | "redshift";
  /** One row with columns `version`, `database`, `user`. */
  versionQuery: string;
  /** The whole catalog in one round trip where the engine allows; parsed by `parseCatalog`. */
  catalogQuery: string;
  parseCatalog(result: ExecutedStatement): Catalog;
  /** Double-quotes an identifier, doubling embedded quotes. */
  quoteIdentifier(name: string): string;
  /**
   * One keyset page: `SELECT * FROM t WHERE (k1, k2) > ($1, $2) ORDER BY k1, k2 LIMIT n` with the
   * parameters cast to the key columns' types. `after` is null for the first page.
   */
  keysetPage(
    table: TableInfo,
    keys: string[],
    after: readonly JsonValue[] | null,
    limit: number,
  ): { sql: string; params: QueryParam[] };
  /** Wraps a guarded SELECT so that at most `maxRows + 1` rows come back (the extra one flags truncation). */
  limitRows(sql: string, maxRows: number): string;
}
