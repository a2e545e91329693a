import type pg from "pg";
import type { RawResult } from "../postgres/postgres-backend.ts";
import { rdsError } from "./errors.ts";
import type { BoundStatement } from "./parameters.ts";

/** `pg` supports `queryMode` since 8.11; @types/pg does not declare it yet. */
interface ExtendedQueryConfig extends pg.QueryArrayConfig<(string | Buffer | null)[]> {
  queryMode: "extended";
}

/**
 * Runs one statement through the extended protocol (Parse/Bind/Execute), as the Data API's JDBC
 * driver does even without parameters. Consequence kept on purpose: several statements separated by
 * `;` fail with Postgres's "cannot insert multiple commands into a prepared statement", the way the
 * Data API rejects multi-statement SQL on Aurora PostgreSQL Serverless v2 and provisioned clusters.
 */
export async function runStatement(
  client: pg.PoolClient | pg.Client,
  statement: BoundStatement,
): Promise<RawResult> {
  const config: ExtendedQueryConfig = {
    text: statement.text,
    values: statement.values,
    rowMode: "array",
    queryMode: "extended",
  };
  try {
    const result = await client.query<(string | null)[]>(config);
    return { command: result.command, rowCount: result.rowCount, rows: result.rows, fields: result.fields };
  } catch (error) {
    // Positions refer to the rewritten text ($1::varchar); the caller wrote :name.
    const position = (error as { position?: unknown }).position;
    if (typeof position === "string" && /^\d+$/.test(position)) {
      (error as { position: string }).position = String(statement.originalPosition(Number(position)));
    }
    throw error;
  }
}

/** The server process id of a `pg` session (sent by the server at login; `pg` keeps it undeclared). */
export function backendPid(client: pg.PoolClient | pg.Client): number | undefined {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === "number" ? pid : undefined;
}

export interface TimeoutPolicy {
  timeoutMs: number;
  /** AWS `continueAfterTimeout`: the call still fails, but the statement keeps running to completion. */
  continueAfterTimeout: boolean;
  /** The session running the statement, reported as StatementTimeoutException.dbConnectionId. */
  pid: number | undefined;
  /** Asks the database to cancel the statement (pg_cancel_backend from another session). */
  cancel(pid: number): Promise<unknown>;
}

/**
 * Answers StatementTimeoutException when `work` outlives the timeout. Without continueAfterTimeout
 * the statement is cancelled; either way `work` runs to its end in the background so it can release
 * its session. On PGlite (WASM in this process) a long statement blocks the event loop and cannot
 * be cancelled: the answer then comes when it ends, but it is still the timeout, as the clock says.
 */
export async function withStatementTimeout<T>(work: Promise<T>, policy: TimeoutPolicy): Promise<T> {
  const deadline = Date.now() + policy.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), policy.timeoutMs);
  });
  // The work may fail after we answered; its error is then nobody's to report.
  work.catch(() => undefined);
  try {
    const winner = await Promise.race([work, timedOut]);
    if (winner !== TIMED_OUT && Date.now() < deadline) return winner;
  } catch (error) {
    if (Date.now() < deadline) throw error;
  } finally {
    clearTimeout(timer);
  }
  if (!policy.continueAfterTimeout && policy.pid !== undefined)
    void policy.cancel(policy.pid).catch(() => undefined);
  throw rdsError.statementTimeout(policy.pid);
}

const TIMED_OUT = Symbol("timed out");
