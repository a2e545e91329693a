import type { DataSourceProvider } from "./config.ts";
import type { JsonValue } from "./values.ts";

/** A table or view, always resolved against the catalog before it reaches SQL. */
export interface TableRef {
  schema: string;
  name: string;
}

export interface ColumnInfo {
  name: string;
  /** 1-based position in the table. */
  ordinal: number;
  /** The engine's type name as the catalog spells it (`int8`, `numeric(12,2)`, `_text`, `character varying`). */
  nativeType: string;
  /** Portable family, used for value normalization and by the planner. */
  type: ColumnType;
  nullable: boolean;
  comment: string | null;
}

/** How values of a column are represented after normalization (see values.ts). */
export type ColumnType =
  | "boolean"
  | "integer" // int2, int4: JSON numbers
  | "bigint" // int8: strings (64-bit)
  | "decimal" // numeric: strings (exact)
  | "float" // float4, float8: numbers ("NaN"/"Infinity" as strings)
  | "text"
  | "uuid"
  | "date" // YYYY-MM-DD
  | "time"
  | "timestamp" // ISO-8601 without zone
  | "timestamptz" // ISO-8601 with zone (UTC, "Z")
  | "interval"
  | "json" // objects/arrays
  | "bytea" // summarized: { type: "bytes", length, preview (hex of the first bytes) }
  | "array" // JSON arrays of normalized elements
  | "other"; // the engine's text form

export interface ForeignKey {
  name: string;
  columns: string[];
  references: TableRef & { columns: string[] };
}

export interface TableInfo extends TableRef {
  kind: "table" | "view" | "materialized_view" | "foreign_table" | "partitioned_table";
  comment: string | null;
  /** From the catalog's statistics (reltuples / SVV_TABLE_INFO), never COUNT(*); null when unknown. */
  estimatedRows: number | null;
  columns: ColumnInfo[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

export interface Catalog {
  tables: TableInfo[];
}

/** Name and type of a result column. */
export interface ResultColumn {
  name: string;
  type: ColumnType;
  nativeType: string;
}

export type Row = Record<string, JsonValue>;

export interface PreviewOptions {
  /** 1..200, default 50. */
  limit?: number;
  /** From a previous page's `nextCursor`; opaque. */
  cursor?: string | null;
  timeoutMs?: number;
}

export interface PreviewPage {
  columns: ResultColumn[];
  rows: Row[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: string | null;
  /** The columns the pages are ordered by (the primary key, or the stable fallback). */
  orderedBy: string[];
}

/** A bound parameter of a read-only query (`$1`, `$2`, ... in the SQL). */
export type QueryParam = string | number | boolean | null;

export interface QueryOptions {
  /** Hard timeout; the statement is cancelled where the engine allows. Default 10,000 ms. */
  timeoutMs?: number;
  /** Rows kept; the rest is dropped and `truncated` is true. Default 100, max 1,000. */
  maxRows?: number;
  /** When given, the guard refuses any table outside this list. */
  allowedTables?: TableRef[];
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Row[];
  /** True when the statement produced more than `maxRows` rows. */
  truncated: boolean;
  durationMs: number;
}

/** One page of an admin's statement in the SQL console (`Connector.runConsole`). */
export interface ConsoleOptions {
  /** Rows per page, 1..500. */
  pageSize: number;
  /** Rows skipped before this page (LIMIT/OFFSET paging), 0 or more. Default 0. */
  offset?: number;
  /** Hard timeout, on the server too. Default 30,000 ms. */
  timeoutMs?: number;
  /**
   * Marks the statement (a leading comment) so that `cancelConsole(tag)` finds it from another
   * connection: 1..100 characters of `a-z`, `0-9` and `-`.
   */
  tag: string;
  /** Returns the statement's `EXPLAIN` plan instead of its rows. */
  explain?: boolean;
}

export interface ConsolePage {
  columns: ResultColumn[];
  /** Cells in column order, so that duplicate column names (`SELECT 1 AS a, 2 AS a`) keep both. */
  rows: JsonValue[][];
  /** True when at least one row follows this page. */
  hasMore: boolean;
  durationMs: number;
}

/** An admin's whole result for the CSV export (`Connector.exportConsole`). */
export interface ConsoleExportOptions {
  /** Marks the statement like `ConsoleOptions.tag`. */
  tag: string;
  /** Rows per batch (1..10,000, default 5,000). */
  batchSize?: number;
  /** Per statement (each FETCH or page). Default 30,000 ms. */
  timeoutMs?: number;
}

export interface ConsoleBatch {
  columns: ResultColumn[];
  rows: JsonValue[][];
}

export interface StreamOptions {
  /** Rows per batch (1..10,000, default 1,000). */
  batchSize?: number;
  /** Resume after the batch that returned this cursor. */
  cursor?: string | null;
  timeoutMs?: number;
}

export interface RowBatch {
  columns: ResultColumn[];
  rows: Row[];
  /** Resume point after this batch; store it to continue after a crash. */
  cursor: string | null;
  /** True on the last batch. */
  done: boolean;
}

export interface ConnectionTestResult {
  latencyMs: number;
  /** e.g. "PostgreSQL 15.19" or "Redshift 1.0.xxxxx". */
  serverVersion: string;
  database: string;
  user: string | null;
}

/**
 * One organization's database, whatever the engine. Instances hold connections: reuse one within a
 * unit of work, then `close()` it. Every method rejects with `ConnectorError` only.
 */
export interface Connector {
  readonly provider: DataSourceProvider;

  /** Opens a connection (or calls the API), runs a trivial query, reports latency and server version. */
  test(options?: { timeoutMs?: number }): Promise<ConnectionTestResult>;

  /**
   * Every table and view the credentials can see, in all schemas but the engine's own, with columns,
   * keys and estimated row counts, in one round trip where the engine allows. With `maxAgeMs`, the
   * catalog this connector last read is returned while it is younger than that (the one catalog
   * cache: the same copy resolves tables, and a table missing from it triggers a reload at once).
   */
  listTables(options?: { timeoutMs?: number; maxAgeMs?: number }): Promise<Catalog>;

  /** A page of a table's rows, keyset-paginated by primary key (or a stable fallback order). */
  preview(table: TableRef, options?: PreviewOptions): Promise<PreviewPage>;

  /**
   * Runs one read-only SELECT after the SQL guard accepted it, in a read-only transaction with a
   * statement timeout, binding `params` to `$1..$n`. Keeps at most `maxRows` rows and says so.
   */
  query(sql: string, params?: QueryParam[], options?: QueryOptions): Promise<QueryResult>;

  /**
   * One page of an admin's statement: the same guard, read-only transaction and statement timeout as
   * `query`, the statement wrapped as `SELECT * FROM (...) LIMIT pageSize + 1 OFFSET offset` and
   * tagged with `options.tag`.
   */
  runConsole(sql: string, params: QueryParam[], options: ConsoleOptions): Promise<ConsolePage>;

  /**
   * Cancels the running console statement tagged `tag` from a second connection
   * (`pg_cancel_backend`); resolves false when none is running. Rejects with `unsupported` where the
   * engine offers no cancel through this connector (the Aurora and Redshift Data APIs).
   */
  cancelConsole(tag: string, options?: { timeoutMs?: number }): Promise<boolean>;

  /**
   * Every row of an admin's statement, one batch at a time (the guard and read-only transaction of
   * `runConsole`): a server-side cursor in one transaction where the engine keeps a session, else
   * LIMIT/OFFSET pages. The last batch may be empty; stopping the iteration ends the read.
   */
  exportConsole(
    sql: string,
    params: QueryParam[],
    options: ConsoleExportOptions,
  ): AsyncIterable<ConsoleBatch>;

  /** All rows of a table in keyset batches, resumable from a batch's cursor, in constant memory. */
  streamRows(table: TableRef, options?: StreamOptions): AsyncIterable<RowBatch>;

  /** Releases connections. Safe to call twice. */
  close(): Promise<void>;
}
