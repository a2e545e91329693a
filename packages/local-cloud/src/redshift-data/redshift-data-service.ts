import { setTimeout as sleep } from "node:timers/promises";
import { awsJsonService, type JsonInput } from "../http/aws-json-service.ts";
import type { HttpService } from "../http/http-server.ts";
import type { CloudContext } from "../local-cloud.ts";
import { requireStatementId, validationError } from "./errors.ts";
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

  /** Reads the Id (and WaitTimeSeconds) every statement operation takes, after forgetting expired statements. */
  const findStatement = (input: JsonInput) => {
    store.expire(settings().resultRetentionMs);
    const id = requireStatementId(requiredString(input, "Id"));
    return { id, ...store.lookup(id), waitSeconds: optionalInteger(input, "WaitTimeSeconds", 0, 30) };
  };

  const execute = async (input: JsonInput, batch: boolean) => {
    store.expire(settings().resultRetentionMs);
    // A retry with the same ClientToken gets the statement the first attempt created.
    const earlier =
      typeof input.ClientToken === "string" ? store.byClientToken(input.ClientToken) : undefined;
    if (earlier) return executeOutput(earlier, false);
    const request = parseExecuteRequest(input, batch, context, sessions);
    const spec = request.spec;
    if (request.keepAliveSeconds) spec.sessionId = sessions.open(spec, request.keepAliveSeconds);
    const statement = createStatement(spec);
    store.add(statement);
    if (spec.sessionId) sessions.releaseWhen(spec.sessionId, statement.settled);
    runner.start(statement, spec.sessionId ? sessions.lease(spec.sessionId) : poolLease(statement));
    await waitFor(statement, request.waitTimeSeconds);
    return executeOutput(statement, request.waitTimeSeconds !== undefined);
  };

  /** The finished query a GetStatementResult call reads, or the service's error for why there is none. */
  const finishedQuery = async (input: JsonInput, format: ResultFormat): Promise<Query> => {
    const { statement, subStatement, waitSeconds } = findStatement(input);
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
    ExecuteStatement: (input) => execute(input, false),
    BatchExecuteStatement: (input) => execute(input, true),

    async DescribeStatement(input) {
      const { statement, subStatement, waitSeconds } = findStatement(input);
      await waitFor(statement, waitSeconds);
      return describeOutput(statement, subStatement);
    },

    async GetStatementResult(input) {
      const query = await finishedQuery(input, "JSON");
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

    async GetStatementResultV2(input) {
      const query = await finishedQuery(input, "CSV");
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

    async CancelStatement(input) {
      const { id, statement } = findStatement(input);
      if (isTerminal(statement.status)) {
        throw validationError(
          `Could not cancel a query that is already in ${statement.status} state with ID: ${id}`,
        );
      }
      await runner.cancel(statement);
      return { Status: true };
    },

    ListStatements(input) {
      store.expire(settings().resultRetentionMs);
      return listStatements(store.newestFirst(), input);
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
