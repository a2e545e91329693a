import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { EmulatorSettings } from "../settings.ts";
import { cancelBackendQuery, supportsBackendCancel } from "./backend-cancel.ts";
import { describeColumns, type DatabaseSession } from "./column-catalog.ts";
import { buildResult, oversizedRowError, resultSize } from "./result-pages.ts";
import { setStatus, type Query, type Statement } from "./statement-store.ts";

/** A connection lent to one statement; `release(true)` closes it instead of reusing it. */
export interface Lease {
  client: DatabaseSession;
  release(destroy: boolean): void;
}

interface Execution {
  statement: Statement;
  abort: AbortController;
  lease?: Lease | undefined;
  /** True while a query is on the server: the only moment pg_cancel_backend may target this session. */
  inQuery: boolean;
  cancellable: boolean;
  done: Promise<void>;
}

type ExtendedQuery = pg.QueryArrayConfig & { queryMode: "extended" };

/**
 * Runs statements the way the Data API does, in the background: SUBMITTED for `startDelayMs`, PICKED
 * while a connection is found, STARTED while the SQL runs (plus `executionDelayMs`), then FINISHED,
 * FAILED (with the Postgres error) or ABORTED by CancelStatement.
 */
export class StatementRunner {
  private readonly executions = new Map<string, Execution>();
  private lastQueryId = 100_000;

  constructor(private readonly settings: () => EmulatorSettings["redshiftData"]) {}

  start(statement: Statement, acquire: () => Promise<Lease>): void {
    const execution: Execution = {
      statement,
      abort: new AbortController(),
      inQuery: false,
      cancellable: false,
      done: Promise.resolve(),
    };
    // run() settles every failure into the statement's status; the catch only guards the process.
    execution.done = this.run(execution, acquire)
      .catch(() => undefined)
      .finally(() => this.executions.delete(statement.id));
    this.executions.set(statement.id, execution);
  }

  /** Marks the statement ABORTED and stops its query on the server when the backend allows it. */
  async cancel(statement: Statement): Promise<void> {
    setStatus(statement, "ABORTED");
    const execution = this.executions.get(statement.id);
    if (!execution) return;
    execution.abort.abort();
    if (execution.inQuery && execution.cancellable) {
      await cancelBackendQuery(statement.backend, statement.login, statement.redshiftPid);
    }
  }

  /** Cancels everything still running and gives up on queries that do not stop within a second. */
  async close(): Promise<void> {
    const executions = [...this.executions.values()];
    await Promise.all(executions.map((execution) => this.cancel(execution.statement)));
    const timer = new AbortController();
    await Promise.race([
      Promise.all(executions.map((execution) => execution.done)),
      sleep(1000, undefined, { signal: timer.signal }).catch(() => undefined),
    ]);
    timer.abort();
    for (const execution of this.executions.values()) this.releaseLease(execution);
  }

  private async run(execution: Execution, acquire: () => Promise<Lease>): Promise<void> {
    const { statement } = execution;
    const signal = execution.abort.signal;
    const settings = this.settings();
    try {
      await sleep(settings.startDelayMs, undefined, { signal });
      setStatus(statement, "PICKED");
      execution.lease = await acquire();
      if (signal.aborted) return;
      const client = execution.lease.client;
      statement.redshiftPid = (client as unknown as { processID?: number }).processID ?? 0;
      execution.cancellable = await supportsBackendCancel(statement.backend, client);
      setStatus(statement, "STARTED");
      const failure = statement.isBatch
        ? await this.runBatch(execution, client)
        : await this.runQuery(execution, client, statement.subStatements[0]!);
      this.releaseLease(execution);
      if (signal.aborted) return;
      if (failure !== undefined) return setStatus(statement, "FAILED", failure);
      await sleep(settings.executionDelayMs, undefined, { signal });
      setStatus(statement, "FINISHED");
    } catch (error) {
      if (!signal.aborted) setStatus(statement, "FAILED", postgresErrorText(error));
    } finally {
      this.releaseLease(execution);
    }
  }

  private releaseLease(execution: Execution): void {
    // A cancelled statement's connection is closed: a late pg_cancel_backend must not hit a reused one.
    execution.lease?.release(execution.abort.signal.aborted);
    execution.lease = undefined;
  }

  /** Runs a batch's sub-statements in order; returns the batch's error, or undefined when all ran. */
  private async runBatch(execution: Execution, client: DatabaseSession): Promise<string | undefined> {
    const { statement } = execution;
    const transactional = statement.executionMode === "TRANSACTION";
    let firstFailure: string | undefined;
    if (transactional) await client.query("BEGIN");
    try {
      for (const [index, query] of statement.subStatements.entries()) {
        const failure = await this.runQuery(execution, client, query);
        if (execution.abort.signal.aborted) break;
        if (failure === undefined) {
          query.status = "FINISHED";
        } else {
          query.status = "FAILED";
          query.error = failure;
          firstFailure ??= `Query #${index + 1} failed with ${failure}`;
        }
        query.updatedAt = Date.now();
        if (failure !== undefined && transactional) break;
      }
      if (transactional && firstFailure === undefined && !execution.abort.signal.aborted)
        await client.query("COMMIT");
    } finally {
      if (transactional && (firstFailure !== undefined || execution.abort.signal.aborted)) {
        await client.query("ROLLBACK").catch(() => undefined);
      }
    }
    return firstFailure;
  }

  /** Runs one query and records its result on `query`; returns the Postgres error text if it failed. */
  private async runQuery(
    execution: Execution,
    client: DatabaseSession,
    query: Query,
  ): Promise<string | undefined> {
    query.status = "STARTED";
    query.updatedAt = Date.now();
    query.redshiftQueryId = ++this.lastQueryId;
    const started = process.hrtime.bigint();
    const config: ExtendedQuery = {
      text: query.text,
      values: query.values,
      rowMode: "array",
      queryMode: "extended",
    };
    let raw: pg.QueryArrayResult<(string | null)[]>;
    execution.inQuery = true;
    try {
      raw = await client.query<(string | null)[]>(config);
    } catch (error) {
      query.durationNs = Number(process.hrtime.bigint() - started);
      return postgresErrorText(error);
    } finally {
      execution.inQuery = false;
    }
    query.durationNs = Number(process.hrtime.bigint() - started);
    if (execution.abort.signal.aborted) return undefined;
    if (raw.fields.length === 0) {
      query.resultRows = raw.rowCount ?? 0;
      query.resultSize = 0;
      return undefined;
    }
    const tooLarge = oversizedRowError(raw.rows, this.settings().maxRowBytes);
    if (tooLarge !== undefined) return tooLarge;
    query.result = buildResult(raw.fields, raw.rows, await describeColumns(client, raw.fields));
    query.hasResultSet = true;
    query.resultRows = raw.rows.length;
    query.resultSize = resultSize(raw.rows);
    return undefined;
  }
}

/** Postgres errors as Redshift reports them: `ERROR: relation "nope" does not exist`. */
export function postgresErrorText(error: unknown): string {
  const { severity, message } = error as { severity?: string; message?: string };
  return `${severity ?? "ERROR"}: ${message ?? String(error)}`;
}
