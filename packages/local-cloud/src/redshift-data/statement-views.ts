import { isTerminal, type Query, type Statement } from "./statement-store.ts";

/*
 * The JSON shapes of the API's answers. Timestamps are epoch seconds (awsJson1_1); members the
 * service leaves out stay undefined so JSON.stringify drops them.
 */

const seconds = (ms: number) => ms / 1000;

/** ExecuteStatement / BatchExecuteStatement output; `withStatus` when the caller long-polled. */
export function executeOutput(statement: Statement, withStatus: boolean) {
  return {
    Id: statement.id,
    CreatedAt: seconds(statement.createdAt),
    ClusterIdentifier: statement.clusterIdentifier,
    WorkgroupName: statement.workgroupName,
    Database: statement.database,
    DbUser: statement.dbUser,
    SecretArn: statement.secretArn,
    SessionId: statement.sessionId,
    ...(withStatus
      ? {
          Status: statement.status,
          RedshiftPid: statement.redshiftPid,
          HasResultSet: hasResultSet(statement),
        }
      : {}),
  };
}

/** DescribeStatement output for a statement, or for one sub-statement of a batch (`<id>:<n>`). */
export function describeOutput(statement: Statement, subStatement?: Query) {
  const found = subStatement ?? (statement.isBatch ? undefined : statement.subStatements[0]);
  const single = found && published(found);
  const queries = statement.subStatements.map(published);
  return {
    Id: subStatement?.id ?? statement.id,
    SecretArn: statement.secretArn,
    DbUser: statement.dbUser,
    Database: statement.database,
    ClusterIdentifier: statement.clusterIdentifier,
    WorkgroupName: statement.workgroupName,
    Duration: single ? single.durationNs : isTerminal(statement.status) ? statement.durationNs : -1,
    Error: single ? single.error : statement.error,
    Status: single?.status ?? statement.status,
    CreatedAt: seconds(single?.createdAt ?? statement.createdAt),
    UpdatedAt: seconds(single?.updatedAt ?? statement.updatedAt),
    RedshiftPid: statement.redshiftPid,
    HasResultSet: single ? single.hasResultSet : hasResultSet(statement),
    QueryString: single?.sql,
    ResultRows: single ? single.resultRows : total(queries, "resultRows"),
    ResultSize: single ? single.resultSize : total(queries, "resultSize"),
    RedshiftQueryId: single ? single.redshiftQueryId : 0,
    QueryParameters: statement.parameters,
    SubStatements: statement.isBatch && !subStatement ? queries.map(subStatementData) : undefined,
    ResultFormat: statement.resultFormat,
    SessionId: statement.sessionId,
  };
}

/**
 * A query as clients may see it: the duration once it ended, result counts only once it FINISHED
 * (a statement kept STARTED by `executionDelayMs`, or aborted then, already has them internally).
 */
function published(query: Query): Query {
  if (query.status === "FINISHED") return query;
  return {
    ...query,
    durationNs: isTerminal(query.status) ? query.durationNs : -1,
    resultRows: -1,
    resultSize: -1,
    hasResultSet: false,
  };
}

function subStatementData(query: Query) {
  return {
    Id: query.id,
    Duration: query.durationNs,
    Error: query.error,
    Status: query.status,
    CreatedAt: seconds(query.createdAt),
    UpdatedAt: seconds(query.updatedAt),
    QueryString: query.sql,
    ResultRows: query.resultRows,
    ResultSize: query.resultSize,
    RedshiftQueryId: query.redshiftQueryId,
    HasResultSet: query.hasResultSet,
  };
}

/** One entry of ListStatements. */
export function statementData(statement: Statement) {
  return {
    Id: statement.id,
    QueryString: statement.isBatch ? undefined : statement.subStatements[0]?.sql,
    QueryStrings: statement.isBatch ? statement.subStatements.map((query) => query.sql) : undefined,
    SecretArn: statement.secretArn,
    Status: statement.status,
    StatementName: statement.statementName,
    CreatedAt: seconds(statement.createdAt),
    UpdatedAt: seconds(statement.updatedAt),
    QueryParameters: statement.parameters,
    IsBatchStatement: statement.isBatch,
    ResultFormat: statement.resultFormat,
    SessionId: statement.sessionId,
  };
}

function hasResultSet(statement: Statement): boolean {
  return statement.subStatements.some((query) => published(query).hasResultSet);
}

/** Sum over sub-statements, or -1 while any of them is still unknown (the service's "null"). */
function total(queries: Query[], key: "resultRows" | "resultSize"): number {
  return queries.some((query) => query[key] < 0) ? -1 : queries.reduce((sum, query) => sum + query[key], 0);
}
