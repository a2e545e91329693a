import { randomUUID } from "node:crypto";
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
  type DescribeStatementCommandOutput,
  type SqlParameter,
} from "@aws-sdk/client-redshift-data";
import { setTimeout as sleep } from "node:timers/promises";
import { isAbort } from "../data-api/aws-errors.ts";
import { withBackoff, type CallDeadline } from "../data-api/data-api-calls.ts";
import {
  createDataApiExecutor,
  type BoundStatement,
  type DataApiStatements,
} from "../data-api/data-api-executor.ts";
import { parameterName, toNamedParameters } from "../data-api/named-parameters.ts";
import { regionFromArn, type RedshiftConfig } from "../core/config.ts";
import type { QueryParam } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { SqlExecutor } from "../core/sql-executor.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { keepLongValuesExact } from "./exact-long-values.ts";
import { isRedshiftBusy, REDSHIFT_ERRORS, statementFailure } from "./redshift-errors.ts";
import { readStatementResult } from "./redshift-results.ts";

/** The Data API form of the Redshift config (the other form is a direct connection string). */
export type RedshiftDataApiConfig = Exclude<RedshiftConfig, { connectionString: string }>;

/** Names our statements in ListStatements, so an operator can tell them apart from others'. */
export const STATEMENT_NAME = "answerbase-connector";

const FIRST_POLL_MS = 10;
const YOUNG_MAX_POLL_MS = 100;
const YOUNG_FOR_MS = 2_000;
const MAX_POLL_MS = 500;

/**
 * The pause before the next DescribeStatement. Doubling alone finds a statement that ends at 320 ms
 * only at 630 ms (polls at 10, 30, 70, 150, 310, 630): the catalog of 2,000 tables lost ~0.3 s that
 * way. Lookups and catalog reads end within a couple of seconds, so until then polls stay at most
 * 100 ms apart (at most 20 calls in those 2 s); longer statements back off to 500 ms, which keeps a
 * long console query from spending the account's DescribeStatement quota.
 */
export function nextPollPause(previous: number | undefined, elapsedMs: number): number {
  if (previous === undefined) return FIRST_POLL_MS;
  return Math.min(elapsedMs < YOUNG_FOR_MS ? YOUNG_MAX_POLL_MS : MAX_POLL_MS, previous * 2);
}
/** CancelStatement after a timeout gets this long of its own: the caller's time is already spent. */
const CANCEL_TIMEOUT_MS = 2_000;

/**
 * The Redshift Data API as a SqlExecutor: ExecuteStatement, DescribeStatement polled with backoff
 * until the statement ends, GetStatementResult paged with NextToken; at the deadline the statement is
 * cancelled (CancelStatement) and the call fails with `timeout`.
 *
 * Parameters: the Data API binds `:name` placeholders to string values (Redshift casts them from the
 * context), so `$n` becomes `:pn` and numbers and booleans are sent as their text. It has no NULL
 * parameter: a null is refused with `invalid_input` (write `IS NULL` in the SQL instead) rather than
 * spliced into the SQL.
 *
 * Read-only: one ExecuteStatement is its own transaction, and the Data API neither opens a read-only
 * one nor lets BatchExecuteStatement (one transaction) take parameters. The SQL guard is the defence
 * for the agent's queries here (one SELECT, no side-effect functions), and the deadline is enforced
 * with CancelStatement. Give the data source a user with SELECT grants only. Every call is signed
 * with the organization's role, assumed first (TenantCredentials).
 */
export function createRedshiftDataApiExecutor(
  config: RedshiftDataApiConfig,
  environment: ConnectorEnvironment,
): SqlExecutor {
  const target = {
    where: config.workgroupName
      ? `Redshift workgroup "${config.workgroupName}"`
      : `Redshift cluster "${config.clusterIdentifier}"`,
    database: config.database,
    roleArn: config.roleArn,
    region: config.region ?? (config.secretArn ? regionFromArn(config.secretArn) : null),
  };
  return createDataApiExecutor(target, environment, {
    newClient: (options) => {
      const client = new RedshiftDataClient(options);
      keepLongValuesExact(client);
      return client;
    },
    statements: (client) => redshiftStatements(client, config, target.where),
    errors: REDSHIFT_ERRORS,
  });
}

/** ExecuteStatement, DescribeStatement polling, GetStatementResult pages and cancel on one client. */
function redshiftStatements(
  client: RedshiftDataClient,
  config: RedshiftDataApiConfig,
  where: string,
): DataApiStatements<SqlParameter> {
  const target = {
    Database: config.database,
    ...(config.workgroupName
      ? { WorkgroupName: config.workgroupName }
      : { ClusterIdentifier: config.clusterIdentifier }),
    ...(config.secretArn ? { SecretArn: config.secretArn } : { DbUser: config.dbUser }),
  };

  const send = <T>(deadline: CallDeadline, call: (signal: AbortSignal) => Promise<T>) =>
    withBackoff(deadline, call, isRedshiftBusy);

  /** Polls until the statement ends; at the deadline cancels it and throws `timeout`. */
  async function waitForEnd(id: string, deadline: CallDeadline): Promise<DescribeStatementCommandOutput> {
    const timeoutError = () =>
      new ConnectorError(
        "timeout",
        `The statement did not finish within ${deadline.timeoutMs} ms on ${where} and was cancelled.`,
      );
    const started = performance.now();
    let pause = nextPollPause(undefined, 0);
    try {
      for (;;) {
        const described = await send(deadline, (abortSignal) =>
          client.send(new DescribeStatementCommand({ Id: id }), { abortSignal }),
        );
        if (
          described.Status === "FINISHED" ||
          described.Status === "FAILED" ||
          described.Status === "ABORTED"
        )
          return described;
        await sleep(Math.min(pause, deadline.remaining()));
        if (deadline.expired()) break;
        pause = nextPollPause(pause, performance.now() - started);
      }
    } catch (error) {
      // Whatever stopped the polling, the statement must not keep running unwatched.
      await cancel(id);
      if (!deadline.expired() && !isAbort(error)) throw error;
      throw timeoutError();
    }
    await cancel(id);
    throw timeoutError();
  }

  async function cancel(id: string): Promise<void> {
    // Best effort: the statement may have ended meanwhile ("already in FINISHED state"); the caller
    // gets its timeout either way.
    await client
      .send(new CancelStatementCommand({ Id: id }), { abortSignal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) })
      .catch(() => undefined);
  }

  return {
    bind: bindRedshiftStatement,
    async run(statement, deadline, options) {
      // A retry after throttling reuses the token, so the service never runs the statement twice.
      const execute = new ExecuteStatementCommand({
        ...target,
        Sql: statement.sql,
        ...(statement.parameters.length > 0 ? { Parameters: statement.parameters } : {}),
        StatementName: STATEMENT_NAME,
        ClientToken: randomUUID(),
      });
      const { Id: id } = await send(deadline, (abortSignal) => client.send(execute, { abortSignal }));
      if (!id) throw new ConnectorError("internal", "ExecuteStatement returned no statement id.");
      // The console's cancel: CancelStatement by id (the Data API's only way to stop a statement).
      options.onCancellable?.(() => void cancel(id));
      const described = await waitForEnd(id, deadline);
      if (described.Status === "FAILED")
        // The cause is the error text only: DescribeStatement's output also holds the parameters.
        throw statementFailure(described.Error ?? "The statement failed.", new Error(described.Error));
      if (described.Status === "ABORTED")
        throw new ConnectorError("timeout", `The statement was cancelled on ${where}.`);
      if (!described.HasResultSet) return { columns: [], rows: [] };
      return await readStatementResult(id, (input) =>
        send(deadline, (abortSignal) => client.send(new GetStatementResultCommand(input), { abortSignal })),
      );
    },
  };
}

/** `$1..$n` → `:p1..:pn` with string values; Redshift's Data API has no typed or NULL parameters. */
export function bindRedshiftStatement(
  sql: string,
  params: readonly QueryParam[],
): BoundStatement<SqlParameter> {
  const named = toNamedParameters(sql);
  const positions = [...named.used].sort((a, b) => a - b);
  const parameters = positions.map((position) => {
    if (position < 1 || position > params.length) {
      throw new ConnectorError(
        "invalid_input",
        `The SQL uses $${position} but ${params.length} parameter(s) were given.`,
      );
    }
    const value = params[position - 1] ?? null;
    if (value === null) {
      throw new ConnectorError(
        "invalid_input",
        `Parameter $${position} is null, which the Redshift Data API cannot bind: write IS NULL in the SQL instead.`,
      );
    }
    return { name: parameterName(position), value: String(value) };
  });
  return { sql: named.sql, parameters };
}
