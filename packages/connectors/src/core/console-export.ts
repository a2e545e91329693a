import { Deadline, integerOption, paramsOption, sqlOption, timeoutOption } from "./call-options.ts";
import type { ConsoleBatch, ConsoleExportOptions, QueryParam } from "./connector.ts";
import { consolePageSql, consoleTagOption } from "./console-statement.ts";
import { ConnectorError, asConnectorError, isConnectorError } from "./errors.ts";
import type { SqlExecutor } from "./sql-executor.ts";

/*
 * All rows of an admin's statement, batch by batch, for the console's CSV export: never more than one
 * batch in memory. Engines with a session (Postgres, Redshift direct) read through a server-side
 * cursor in one read-only transaction: one snapshot, each row read once. The HTTP engines (Neon's
 * HTTP API, the Aurora and Redshift Data APIs) cannot hold a cursor between calls, so they read
 * LIMIT/OFFSET pages: each page re-runs the statement and skips the rows before it, and without
 * ORDER BY (or with concurrent writes) pages may overlap or miss rows.
 */

const DEFAULT_BATCH = 5_000;
const MAX_BATCH = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export async function* exportConsoleBatches(
  executor: SqlExecutor,
  guarded: (text: string, deadline: Deadline) => Promise<void>,
  sql: string,
  params: QueryParam[],
  options: ConsoleExportOptions,
): AsyncGenerator<ConsoleBatch> {
  try {
    const text = sqlOption(sql).replace(/[\s;]+$/, "");
    const values = paramsOption(params);
    const tag = consoleTagOption(options.tag);
    const batchSize = integerOption("batchSize", options.batchSize, 1, MAX_BATCH, DEFAULT_BATCH);
    const timeoutMs = timeoutOption(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    await guarded(text, new Deadline(timeoutMs));
    if (executor.cursor) {
      // Its own lines, so a trailing `-- comment` cannot swallow anything the executor adds.
      const statement = `/* answerbase-console:${tag} */\n${text}\n`;
      yield* executor.cursor(statement, values, { timeoutMs, batchSize });
      return;
    }
    for (let offset = 0; ; offset += batchSize) {
      const page = await executor.execute(consolePageSql(text, tag, batchSize, offset), values, {
        timeoutMs,
        readOnly: true,
      });
      yield { columns: page.columns, rows: page.rows.slice(0, batchSize) };
      if (page.rows.length <= batchSize) return;
    }
  } catch (error) {
    throw withoutPosition(asConnectorError(error));
  }
}

/** The server counted the position in the wrapped statement; an export reports the message alone. */
function withoutPosition(error: ConnectorError): ConnectorError {
  if (!isConnectorError(error) || error.position === undefined) return error;
  return new ConnectorError(error.code, error.message, {
    cause: error.cause,
    retryable: error.retryable,
    sqlState: error.sqlState,
  });
}
