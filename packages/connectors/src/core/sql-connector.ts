import {
  Deadline,
  allowedTablesOption,
  cursorOption,
  integerOption,
  paramsOption,
  sqlOption,
  tableRefOf,
  timeoutOption,
} from "./call-options.ts";
import type { DataSourceProvider } from "./config.ts";
import type {
  Catalog,
  Connector,
  ResultColumn,
  Row,
  RowBatch,
  StreamOptions,
  TableInfo,
  TableRef,
} from "./connector.ts";
import {
  consoleCancelStatement,
  consoleExplainSql,
  consolePageSql,
  consolePrefixLength,
  consoleTagOption,
} from "./console-statement.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { cancelRunningHere, trackRunning } from "./running-statements.ts";
import { exportConsoleBatches } from "./console-export.ts";
import { ConnectorError, asConnectorError, isConnectorError } from "./errors.ts";
import { cursorTableName, keyValuesOf, orderKeysOf, toRowObjects } from "./keyset.ts";
import type { SqlDialect, SqlExecutor } from "./sql-executor.ts";
import type { JsonValue } from "./values.ts";

/**
 * The read-only SQL guard (src/sql-guard/): resolves when `sql` is one SELECT over allowed tables,
 * rejects with `ConnectorError("rejected_sql")` otherwise. Injected so that this file does not
 * depend on the parser.
 */
export type SqlGuard = (
  sql: string,
  allowedTables: TableRef[] | undefined,
  catalog: Catalog,
) => Promise<void>;

export interface SqlConnectorOptions {
  provider: DataSourceProvider;
  executor: SqlExecutor;
  dialect: SqlDialect;
  guard: SqlGuard;
  /**
   * True when a second connection may cancel a running statement with `pg_cancel_backend` (a
   * Postgres server over TCP or Neon); false for the Data APIs, which run each call in their own
   * session. `cancelConsole` refuses with `unsupported` when false.
   */
  cancelsFromSecondConnection?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** The console's page size cap: a page is held in memory and shipped to the browser whole. */
const MAX_CONSOLE_PAGE = 500;
/** Catalogs of thousands of tables and 10,000-row batches of an unindexed table need more than 10 s. */
const DEFAULT_LONG_TIMEOUT_MS = 30_000;

interface Page {
  columns: ResultColumn[];
  rows: Row[];
  /** The cursor after the last row of this page; null when the page is empty or unordered. */
  cursor: string | null;
  hasMore: boolean;
}

/**
 * A `Connector` over any engine that can run one SQL statement (`executor`) and any SQL flavour
 * (`dialect`). The catalog is cached per instance, one copy with one rule: tables are resolved
 * against it (and it is reloaded once on a miss, so a table created since is found), `listTables`
 * with `maxAgeMs` reuses it while it is that young, and only catalog tables reach SQL, quoted by the
 * dialect. Every call has one deadline covering all its round trips.
 */
export function createSqlConnector({
  provider,
  executor,
  dialect,
  guard,
  cancelsFromSecondConnection = false,
}: SqlConnectorOptions): Connector {
  let catalog: Catalog | null = null;
  let catalogLoadedAt = 0;
  let closing: Promise<void> | null = null;

  const checkOpen = () => {
    if (closing) throw new ConnectorError("internal", "This connector was closed; create a new one.");
  };

  async function loadCatalog(deadline: Deadline): Promise<Catalog> {
    const result = await executor.execute(dialect.catalogQuery, [], {
      timeoutMs: deadline.remaining(),
      readOnly: false,
    });
    catalog = dialect.parseCatalog(result);
    catalogLoadedAt = performance.now();
    return catalog;
  }

  async function resolveTable(ref: TableRef, deadline: Deadline): Promise<TableInfo> {
    const find = (from: Catalog) => from.tables.find((t) => t.schema === ref.schema && t.name === ref.name);
    const found = (catalog && find(catalog)) ?? find(await loadCatalog(deadline));
    if (found) return found;
    const name = `${dialect.quoteIdentifier(ref.schema)}.${dialect.quoteIdentifier(ref.name)}`;
    throw new ConnectorError(
      "not_found",
      `Table ${name} does not exist or these credentials cannot read it.`,
    );
  }

  /** `size` rows after `cursor`, plus one more fetched only to learn whether another page exists. */
  async function readPage(
    table: TableInfo,
    keys: string[],
    cursor: string | null,
    size: number,
    deadline: Deadline,
  ): Promise<Page> {
    const tableName = cursorTableName(table, (name) => dialect.quoteIdentifier(name));
    if (cursor !== null && keys.length === 0)
      throw new ConnectorError("invalid_input", `${tableName} has a single page; the cursor cannot apply.`);
    const after = cursor === null ? null : decodeCursor(cursor, tableName, keys);
    const { sql, params } = dialect.keysetPage(table, keys, after, size + 1);
    const result = await executor.execute(sql, params, { timeoutMs: deadline.remaining(), readOnly: false });
    const positional = result.rows.slice(0, size);
    const last = positional.at(-1);
    const { columns, rows } = toRowObjects(result.columns, positional);
    const nextCursor =
      last && keys.length > 0 ? encodeCursor(tableName, keys, keyValuesOf(result.columns, last, keys)) : null;
    return { columns, rows, cursor: nextCursor, hasMore: result.rows.length > size };
  }

  /**
   * Resolves `ref` and reads the page after `cursor`. When the cached catalog no longer matches the
   * database (table dropped, recreated or altered since: `not_found` or `syntax` from the read), the
   * catalog is reloaded and the read tried once more, so the caller does not see a stale cache.
   */
  async function resolveAndRead(ref: TableRef, cursor: string | null, size: number, deadline: Deadline) {
    const cached = catalog !== null;
    let info = await resolveTable(ref, deadline);
    try {
      return { info, page: await readPage(info, orderKeysOf(info), cursor, size, deadline) };
    } catch (error) {
      const stale =
        cached && isConnectorError(error) && (error.code === "not_found" || error.code === "syntax");
      if (!stale) throw error;
      catalog = null;
      info = await resolveTable(ref, deadline);
      return { info, page: await readPage(info, orderKeysOf(info), cursor, size, deadline) };
    }
  }

  async function guarded(text: string, allowedTables: TableRef[] | undefined, deadline: Deadline) {
    const cached = catalog;
    try {
      await guard(text, allowedTables, cached ?? (await loadCatalog(deadline)));
    } catch (error) {
      // A table created since the catalog was cached: look again once before refusing.
      if (!cached || !isConnectorError(error) || error.code !== "not_found") throw error;
      await guard(text, allowedTables, await loadCatalog(deadline));
    }
  }

  return {
    provider,

    test: (options = {}) =>
      wrapped(async () => {
        checkOpen();
        const timeoutMs = timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS);
        const started = performance.now();
        const result = await executor.execute(dialect.versionQuery, [], { timeoutMs, readOnly: false });
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        const row = toRowObjects(result.columns, result.rows).rows[0];
        if (!row) throw new ConnectorError("internal", "The version query returned no row.");
        return {
          latencyMs,
          serverVersion: textOf(row.version),
          database: textOf(row.database),
          user: row.user === null || row.user === undefined ? null : textOf(row.user),
        };
      }),

    listTables: (options = {}) =>
      wrapped(async () => {
        checkOpen();
        const maxAgeMs = options.maxAgeMs ?? 0;
        if (catalog !== null && performance.now() - catalogLoadedAt < maxAgeMs) return catalog;
        return loadCatalog(new Deadline(timeoutOption(options.timeoutMs, DEFAULT_LONG_TIMEOUT_MS)));
      }),

    preview: (table, options = {}) =>
      wrapped(async () => {
        checkOpen();
        const ref = tableRefOf(table);
        const limit = integerOption("limit", options.limit, 1, 200, 50);
        const cursor = cursorOption(options.cursor);
        const deadline = new Deadline(timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS));
        const { info, page } = await resolveAndRead(ref, cursor, limit, deadline);
        return {
          columns: page.columns,
          rows: page.rows,
          nextCursor: page.hasMore ? page.cursor : null,
          orderedBy: orderKeysOf(info),
        };
      }),

    query: (sql, params, options = {}) =>
      wrapped(async () => {
        checkOpen();
        const text = sqlOption(sql);
        const values = paramsOption(params);
        const maxRows = integerOption("maxRows", options.maxRows, 1, 1000, 100);
        const allowedTables = allowedTablesOption(options.allowedTables);
        const deadline = new Deadline(timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS));
        await guarded(text, allowedTables, deadline);
        const started = performance.now();
        const result = await executor.execute(dialect.limitRows(text, maxRows), values, {
          timeoutMs: deadline.remaining(),
          readOnly: true,
        });
        const durationMs = Math.round((performance.now() - started) * 10) / 10;
        const { columns, rows } = toRowObjects(result.columns, result.rows.slice(0, maxRows));
        return { columns, rows, truncated: result.rows.length > maxRows, durationMs };
      }),

    runConsole: (sql, params, options) =>
      wrapped(async () => {
        checkOpen();
        const text = sqlOption(sql);
        const values = paramsOption(params);
        const tag = consoleTagOption(options.tag);
        const pageSize = integerOption("pageSize", options.pageSize, 1, MAX_CONSOLE_PAGE, 100);
        const offset = integerOption("offset", options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
        const explain = options.explain === true;
        const deadline = new Deadline(timeoutOption(options.timeoutMs, DEFAULT_LONG_TIMEOUT_MS));
        let cancelled = false;
        let cancelSent: (() => void) | undefined;
        let sent = false;
        const untrack = trackRunning(tag, () => {
          cancelled = true;
          // Not sent yet: it will not be. Sent: only an engine with a protocol cancel can stop it.
          if (!sent) return true;
          cancelSent?.();
          return cancelSent !== undefined;
        });
        const started = performance.now();
        let result;
        try {
          await guarded(text, undefined, deadline);
          if (cancelled) throw cancelledError();
          sent = true;
          const wrappedSql = explain
            ? consoleExplainSql(text, tag)
            : consolePageSql(text, tag, pageSize, offset);
          result = await executor
            .execute(wrappedSql, values, {
              timeoutMs: deadline.remaining(),
              readOnly: true,
              onCancellable: (cancel) => {
                cancelSent = cancel;
                if (cancelled) cancel();
              },
            })
            .catch((error: unknown) => {
              // The server's 57014, or the HTTP request aborted (Neon's proxy then stops the statement).
              const stopped =
                isConnectorError(error) && (error.sqlState === "57014" || error.code === "timeout");
              if (cancelled && stopped) {
                throw cancelledError(error);
              }
              throw inAdminText(error, consolePrefixLength(tag, explain), text.length);
            });
        } finally {
          untrack();
        }
        const durationMs = Math.round((performance.now() - started) * 10) / 10;
        const size = explain ? result.rows.length : pageSize;
        return {
          columns: result.columns,
          rows: result.rows.slice(0, size),
          hasMore: result.rows.length > size,
          durationMs,
        };
      }),

    cancelConsole: (tag, options = {}) =>
      wrapped(async () => {
        checkOpen();
        const valid = consoleTagOption(tag);
        if (cancelRunningHere(valid)) return true;
        if (!cancelsFromSecondConnection) {
          throw new ConnectorError(
            "unsupported",
            provider === "aurora_data_api"
              ? "The Aurora Data API cannot cancel a running statement; it stops at its statement timeout."
              : "This statement is not running here, and the Redshift Data API can cancel it only from the call that started it; it stops at its statement timeout.",
          );
        }
        const { sql, params } = consoleCancelStatement(valid);
        const result = await executor.execute(sql, params, {
          timeoutMs: timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS),
          readOnly: false,
        });
        return result.rows.some((row) => row[0] === true);
      }),

    exportConsole: (sql, params, options) => {
      checkOpen();
      return exportConsoleBatches(
        executor,
        (text, deadline) => guarded(text, undefined, deadline),
        sql,
        params,
        options,
      );
    },

    streamRows: (table, options = {}) => streamBatches(table, options),

    close: () => {
      closing ??= executor.close().catch((error: unknown) => {
        throw asConnectorError(error);
      });
      return closing;
    },
  };

  async function* streamBatches(table: TableRef, options: StreamOptions): AsyncGenerator<RowBatch> {
    try {
      checkOpen();
      const ref = tableRefOf(table);
      const batchSize = integerOption("batchSize", options.batchSize, 1, 10_000, 1000);
      const timeoutMs = timeoutOption(options.timeoutMs, DEFAULT_LONG_TIMEOUT_MS);
      let cursor = cursorOption(options.cursor);
      const first = await resolveAndRead(ref, cursor, batchSize, new Deadline(timeoutMs));
      const keys = orderKeysOf(first.info);
      if (keys.length === 0) {
        const name = `${ref.schema}.${ref.name}`;
        throw new ConnectorError(
          "unsupported",
          `${name} has no column that can order its rows, so it cannot be streamed.`,
        );
      }
      for (
        let page = first.page;
        ;
        page = await readPage(first.info, keys, cursor, batchSize, new Deadline(timeoutMs))
      ) {
        cursor = page.cursor ?? cursor; // an empty last batch resumes where the previous one ended
        yield { columns: page.columns, rows: page.rows, cursor, done: !page.hasMore };
        if (!page.hasMore) return;
        checkOpen();
      }
    } catch (error) {
      throw asConnectorError(error);
    }
  }
}

/**
 * The server counts error positions in the wrapped statement; the admin wants them in their own text.
 * A position outside it (in the wrapper) is dropped rather than shown wrong.
 */
function inAdminText(error: unknown, prefixLength: number, textLength: number): unknown {
  if (!isConnectorError(error) || error.position === undefined) return error;
  const position = error.position - prefixLength;
  return new ConnectorError(error.code, error.message, {
    cause: error.cause,
    retryable: error.retryable,
    sqlState: error.sqlState,
    position: position >= 1 && position <= textLength ? position : undefined,
  });
}

function cancelledError(cause?: unknown): ConnectorError {
  return new ConnectorError("timeout", "The statement was cancelled.", {
    cause,
    sqlState: "57014",
    retryable: false,
  });
}

function textOf(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? "");
}

async function wrapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asConnectorError(error);
  }
}
