import {
  BeginTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
  type ExecuteStatementCommandOutput,
  type SqlParameter,
} from "@aws-sdk/client-rds-data";
import { regionFromArn, type AuroraDataApiConfig } from "../core/config.ts";
import type { QueryParam, ResultColumn } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecutedStatement, SqlExecutor } from "../core/sql-executor.ts";
import { columnTypeOf } from "../core/values.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { AURORA_ERRORS, isDatabaseResuming, isResponseTooLarge } from "./aurora-data-api-errors.ts";
import { isNetworkFailure, isThrottling } from "../data-api/aws-errors.ts";
import { CallDeadline, untilAborted, withBackoff } from "../data-api/data-api-calls.ts";
import {
  createDataApiExecutor,
  type BoundStatement,
  type DataApiStatements,
} from "../data-api/data-api-executor.ts";
import { normalizeField, toRdsField, type DataApiField } from "../data-api/data-api-fields.ts";
import { parameterName, toNamedParameters } from "../data-api/named-parameters.ts";
import { readInChunks } from "./response-chunks.ts";

/** Runs one statement, optionally inside a Data API transaction. Used by the chunked reader too. */
export type RunStatement = (
  statement: BoundStatement<SqlParameter>,
  deadline: CallDeadline,
  transactionId?: string,
) => Promise<ExecutedStatement>;

/** How long the clean-up RollbackTransaction (retried while throttled) may take, whatever time the call had left. */
const ROLLBACK_TIMEOUT_MS = 5_000;
/** A BeginTransaction the caller stopped waiting for may still complete this long, to be rolled back. */
const LATE_BEGIN_TIMEOUT_MS = 15_000;

/**
 * The RDS Data API (Aurora PostgreSQL) as a SqlExecutor: one RDSDataClient per connector, every call
 * under the caller's deadline (SDK retries off, `DatabaseResumingException` and throttling retried
 * here with backoff), results with column metadata so values normalize by type like `pg` text.
 *
 * - Read-only statements: BeginTransaction, then one call setting `transaction_read_only` and
 *   `statement_timeout` for the transaction (the Data API has no read-only flag and runs one
 *   statement per call), the statement, and RollbackTransaction (nothing to keep): 4 round trips.
 * - Other statements (catalog, keyset pages) run alone; when their records exceed the 1 MiB response
 *   limit they are re-read in chunks (response-chunks.ts). The agent's read-only query is not
 *   chunked: it fails with `limit`.
 * - Every call is signed with the organization's role, assumed first (TenantCredentials).
 * - `records` + `includeResultMetadata`, not `formatRecordsAs: "JSON"`: JSON drops the column types
 *   (needed for timestamptz, json, bytea and arrays) and merges duplicate column names.
 */
export function createAuroraDataApiExecutor(
  config: AuroraDataApiConfig,
  environment: ConnectorEnvironment,
): SqlExecutor {
  const target = {
    where: `Aurora cluster "${config.resourceArn.split(":").pop() ?? config.resourceArn}"`,
    database: config.database,
    roleArn: config.roleArn,
    region: config.region ?? regionFromArn(config.resourceArn),
  };
  return createDataApiExecutor(target, environment, {
    newClient: (options) => new RDSDataClient(options),
    statements: (client) => auroraStatements(client, config),
    errors: AURORA_ERRORS,
  });
}

/** ExecuteStatement, read-only transactions and chunked re-reads on one RDSDataClient. */
function auroraStatements(
  client: RDSDataClient,
  config: AuroraDataApiConfig,
): DataApiStatements<SqlParameter> {
  const target = { resourceArn: config.resourceArn, secretArn: config.secretArn, database: config.database };
  /** Rollbacks of transactions begun too late; `close` waits for them before destroying the client. */
  const lateCleanups = new Set<Promise<unknown>>();

  /** One SDK call under the deadline, retried while Aurora resumes or AWS throttles. */
  const send = <T>(deadline: CallDeadline, call: (signal: AbortSignal) => Promise<T>) =>
    withBackoff(deadline, call, (error) => isDatabaseResuming(error) || isThrottling(error));

  const run: RunStatement = async (statement, deadline, transactionId) => {
    const command = new ExecuteStatementCommand({
      ...target,
      sql: statement.sql,
      parameters: statement.parameters,
      includeResultMetadata: true,
      resultSetOptions: { longReturnType: "STRING", decimalReturnType: "STRING" },
      ...(transactionId ? { transactionId } : {}),
    });
    return toExecutedStatement(await send(deadline, (abortSignal) => client.send(command, { abortSignal })));
  };

  /**
   * Read-only work has nothing to commit, so transactions always end with a rollback. A failed
   * rollback is not the caller's problem: the Data API rolls back a transaction idle for 3 minutes.
   */
  const rollback = (transactionId: string) =>
    withBackoff(
      new CallDeadline(ROLLBACK_TIMEOUT_MS),
      (abortSignal) =>
        client.send(new RollbackTransactionCommand({ ...target, transactionId }), { abortSignal }),
      (error) => isDatabaseResuming(error) || isThrottling(error) || isNetworkFailure(error),
    ).then(
      () => undefined,
      () => undefined,
    );

  /**
   * BeginTransaction under the deadline. The request is not aborted at the deadline (the service
   * would still open the transaction, and nobody would know its id): it may finish within
   * LATE_BEGIN_TIMEOUT_MS and is then rolled back at once.
   */
  const begin = (deadline: CallDeadline) =>
    send(deadline, (signal) => {
      const request = client.send(new BeginTransactionCommand(target), {
        abortSignal: AbortSignal.timeout(LATE_BEGIN_TIMEOUT_MS),
      });
      return untilAborted(request, signal, (late) => {
        const cleanup = late
          .then(({ transactionId }) => (transactionId ? rollback(transactionId) : undefined))
          .catch(() => undefined);
        lateCleanups.add(cleanup);
        void cleanup.finally(() => lateCleanups.delete(cleanup));
      });
    });

  async function inTransaction<T>(
    deadline: CallDeadline,
    work: (transactionId: string) => Promise<T>,
  ): Promise<T> {
    const { transactionId } = await begin(deadline);
    if (!transactionId) throw new ConnectorError("internal", "BeginTransaction returned no transaction id.");
    try {
      return await work(transactionId);
    } finally {
      await rollback(transactionId);
    }
  }

  async function readOnly(
    statement: BoundStatement<SqlParameter>,
    deadline: CallDeadline,
  ): Promise<ExecutedStatement> {
    return inTransaction(deadline, async (transactionId) => {
      const setup = {
        sql: "SELECT set_config('transaction_read_only', 'on', true), set_config('statement_timeout', :timeout_ms, true)",
        parameters: [{ name: "timeout_ms", value: { stringValue: String(deadline.remaining()) } }],
      };
      await run(setup, deadline, transactionId);
      return run(statement, deadline, transactionId);
    });
  }

  return {
    bind: bindStatement,
    async run(statement, deadline, options) {
      if (options.readOnly) return readOnly(statement, deadline);
      try {
        return await run(statement, deadline);
      } catch (error) {
        if (!isResponseTooLarge(error)) throw error;
        return await inTransaction(deadline, (transactionId) =>
          readInChunks(statement, deadline, transactionId, run),
        );
      }
    },
    // Each late rollback settles within LATE_BEGIN_TIMEOUT_MS + ROLLBACK_TIMEOUT_MS, so close never hangs.
    settle: () => Promise.all(lateCleanups),
  };
}

/** `$1..$n` → `:p1..:pn` with one typed Field per parameter the SQL uses. */
export function bindStatement(sql: string, params: readonly QueryParam[]): BoundStatement<SqlParameter> {
  const named = toNamedParameters(sql);
  const missing = [...named.used].filter((position) => position < 1 || position > params.length);
  if (missing.length > 0) {
    throw new ConnectorError(
      "invalid_input",
      `The SQL uses $${missing[0]} but ${params.length} parameter(s) were given.`,
    );
  }
  // The Data API refuses parameters the SQL does not use, so only the used ones are sent.
  const parameters = [...named.used]
    .sort((a, b) => a - b)
    .map((position) => ({
      name: parameterName(position),
      value: toRdsField(params[position - 1] ?? null) as SqlParameter["value"],
    }));
  return { sql: named.sql, parameters };
}

/** Records and column metadata → normalized rows, typed by the column's Postgres type name. */
function toExecutedStatement(output: ExecuteStatementCommandOutput): ExecutedStatement {
  const columns: ResultColumn[] = (output.columnMetadata ?? []).map((column) => {
    const nativeType = column.typeName ?? "unknown";
    return { name: column.label ?? column.name ?? "?column?", type: columnTypeOf(nativeType), nativeType };
  });
  const rows = (output.records ?? []).map((record) =>
    columns.map((column, i) =>
      normalizeField((record[i] ?? { isNull: true }) as DataApiField, column.type, column.nativeType),
    ),
  );
  return { columns, rows };
}
