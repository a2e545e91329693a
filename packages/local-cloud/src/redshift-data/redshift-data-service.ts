import { setTimeout as sleep } from "node:timers/promises";
import { awsJsonService, type JsonInput } from "../http/aws-json-service.ts";
import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import type { Caller } from "../iam/iam-registry.ts";
import type { CloudContext } from "../local-cloud.ts";
import { queryNotFound, requireStatementId, validationError } from "./errors.ts";
import { parseExecuteRequest } from "./execute-request.ts";
import { optionalInteger, optionalString, requiredString } from "./input-reader.ts";
import { listStatements } from "./list-statements.ts";
import { csvRecords, decodeNextToken, encodeNextToken, pageBounds } from "./result-pages.ts";
import { SessionStore } from "./sessions.ts";
import { StatementRunner, type Lease } from "./statement-runner.ts";
import {
  createStatement,
  isTerminal,
  StatementStore,
  type Query,
  type ResultFormat,
  type Statement,
} from "./statement-store.ts";
import { describeOutput, executeOutput } from "./statement-views.ts";

const NO_RESULT = "Query does not have result. Please check query status with DescribeStatement.";

/**
 * The Amazon Redshift Data API (awsJson1_1, `X-Amz-Target: RedshiftData.<Operation>`) over the local
 * Postgres: statements run asynchronously with the real lifecycle, results are converted from
 * Postgres text by type like the service's JDBC mapping, and errors are the service's.
 */
export function redshiftDataService(context: CloudContext): { service: HttpService; close(): Promise<void> } {
  const settings = () => context.settings.redshiftData;
  const store = new StatementStore();
  const sessions = new SessionStore();
  const runner = new StatementRunner(settings);
  const closing = new AbortController();

  /** Long polling (WaitTimeSeconds): returns when the statement ends or the time is up. */
  const waitFor = async (statement: Statement, waitSeconds: number | undefined) => {
    if (!waitSeconds || isTerminal(statement.status)) return;
    const timer = new AbortController();
    const stop = () => timer.abort();
    closing.signal.addEventListener("abort", stop, { once: true });
    await Promise.race([
      statement.settled,
      sleep(waitSeconds * 1000, undefined, { signal: timer.signal }).catch(() => undefined),
    ]);
    timer.abort();
    closing.signal.removeEventListener("abort", stop);
  };

  /** The account that ran each statement: another account's statement ids are unknown to a caller. */
  const owners = new WeakMap<Statement, string>();
  const visibleTo = (caller: Caller, statement: Statement) =>
    caller.kind === "administrator" || owners.get(statement) === caller.accountId;

  /** Reads the Id (and WaitTimeSeconds) every statement operation takes, after forgetting expired statements. */
  const findStatement = (input: JsonInput, request: ServiceRequest) => {
    const caller = context.iam.callerOf(request.headers);
    store.expire(settings().resultRetentionMs);
    const id = requireStatementId(requiredString(input, "Id"));
    const found = store.lookup(id);
    if (!visibleTo(caller, found.statement)) throw queryNotFound(id);
    return { id, ...found, waitSeconds: optionalInteger(input, "WaitTimeSeconds", 0, 30) };
  };

  const execute = async (input: JsonInput, batch: boolean, request: ServiceRequest) => {
    const caller = context.iam.callerOf(request.headers);
    store.expire(settings().resultRetentionMs);
    // A retry with the same ClientToken gets the statement the first attempt created.
    const earlier =
      typeof input.ClientToken === "string" ? store.byClientToken(input.ClientToken) : undefined;
    if (earlier && visibleTo(caller, earlier)) return executeOutput(earlier, false);
    const parsed = parseExecuteRequest(input, batch, context, sessions, caller);
    const spec = parsed.spec;
    if (parsed.keepAliveSeconds) spec.sessionId = sessions.open(spec, parsed.keepAliveSeconds);
    const statement = createStatement(spec);
    store.add(statement);
    owners.set(statement, caller.accountId);
    if (spec.sessionId) sessions.releaseWhen(spec.sessionId, statement.settled);
    runner.start(statement, spec.sessionId ? sessions.lease(spec.sessionId) : poolLease(statement));
    await waitFor(statement, parsed.waitTimeSeconds);
    return executeOutput(statement, parsed.waitTimeSeconds !== undefined);
  };

  /** The finished query a GetStatementResult call reads, or the service's error for why there is none. */
  const finishedQuery = async (
    input: JsonInput,
    format: ResultFormat,
    request: ServiceRequest,
  ): Promise<Query> => {
    const { statement, subStatement, waitSeconds } = findStatement(input, request);
    await waitFor(statement, waitSeconds);
    if (statement.isBatch && !subStatement) {
      throw validationError("BatchExecuteStatement result can only be retrieved with sub-statement id.");
    }
    const query = subStatement ?? statement.subStatements[0];
    // A batch's results are served once the whole batch has ended (its transaction is decided).
    if (!query?.result || query.status !== "FINISHED" || !isTerminal(statement.status))
      throw validationError(NO_RESULT);
    if (statement.resultFormat !== format) {
      throw validationError(
        format === "JSON"
          ? "The query result format is CSV. Use GetStatementResultV2 to fetch the result."
          : "The query result format is JSON. Use GetStatementResult to fetch the result.",
      );
    }
    return query;
  };

  const service = awsJsonService("redshift-data", "RedshiftData", {
    ExecuteStatement: (input, request) => execute(input, false, request),
    BatchExecuteStatement: (input, request) => execute(input, true, request),

    async DescribeStatement(input, request) {
      const { statement, subStatement, waitSeconds } = findStatement(input, request);
      await waitFor(statement, waitSeconds);
      return describeOutput(statement, subStatement);
    },

    async GetStatementResult(input, request) {
      const query = await finishedQuery(input, "JSON", request);
      const result = query.result!;
      const start = decodeNextToken(optionalString(input, "NextToken"), query.id, result.records.length);
      const { end, more } = pageBounds(result, start, settings().pageMaxBytes);
      return {
        Records: result.records.slice(start, end),
        ColumnMetadata: result.columns,
        TotalNumRows: result.records.length,
        NextToken: more ? encodeNextToken(query.id, end) : undefined,
      };
    },

    async GetStatementResultV2(input, request) {
      const query = await finishedQuery(input, "CSV", request);
      const result = query.result!;
      const start = decodeNextToken(optionalString(input, "NextToken"), query.id, result.records.length);
      const { end, more } = pageBounds(result, start, settings().pageMaxBytes);
      return {
        Records: [{ CSVRecords: csvRecords(result, start, end) }],
        ColumnMetadata: result.columns,
        TotalNumRows: result.records.length,
        ResultFormat: "CSV",
        NextToken: more ? encodeNextToken(query.id, end) : undefined,
      };
    },

    async CancelStatement(input, request) {
      const { id, statement } = findStatement(input, request);
      if (isTerminal(statement.status)) {
        throw validationError(
          `Could not cancel a query that is already in ${statement.status} state with ID: ${id}`,
        );
      }
      await runner.cancel(statement);
      return { Status: true };
    },

    ListStatements(input, request) {
      const caller = context.iam.callerOf(request.headers);
      store.expire(settings().resultRetentionMs);
      return listStatements(
        store.newestFirst().filter((statement) => visibleTo(caller, statement)),
        input,
      );
    },
  });

  return {
    service,
    async close() {
      closing.abort();
      await runner.close();
      await sessions.closeAll();
    },
  };
}

/** A pooled connection with the statement's login; a cancelled statement's one is closed, not reused. */
function poolLease(statement: Statement): () => Promise<Lease> {
  return async () => {
    const client = await statement.backend.pool(statement.login).connect();
    let released = false;
    return {
      client,
      release(destroy) {
        if (released) return;
        released = true;
        client.release(destroy || undefined);
      },
    };
  };
}
