import { awsErrorName, isThrottling } from "../data-api/aws-errors.ts";
import type { DataApiErrorContext, DataApiErrors } from "../data-api/data-api-errors.ts";
import { ConnectorError, redactSecrets, type ConnectorErrorCode } from "../core/errors.ts";

/** Statements refused because too many run at once: the service's way of throttling. */
const BUSY_NAMES = new Set([
  "ActiveStatementsExceededException",
  "ActiveSessionsExceededException",
  "ActiveWaitingRequestsExceededException",
]);

/** True for failures worth retrying with backoff: throttling and "too many active statements". */
export function isRedshiftBusy(error: unknown): boolean {
  return isThrottling(error) || BUSY_NAMES.has(awsErrorName(error));
}

/**
 * The Data API reports a FAILED statement as Redshift's message text only (`ERROR: relation "x"
 * does not exist`), without a SQLSTATE, so the code is read from the wording Redshift and Postgres
 * share. Order matters: "column ... does not exist" is a syntax error, "relation ..." is not_found.
 */
const STATEMENT_ERRORS: [RegExp, ConnectorErrorCode][] = [
  [
    /column .* does not exist|function .* does not exist|operator does not exist|syntax error|parse error/i,
    "syntax",
  ],
  [/(relation|table|view|schema|database) .* does not exist/i, "not_found"],
  [/permission denied|must be owner|not authorized/i, "permission"],
  [/read-only transaction/i, "rejected_sql"],
  [/statement timeout|cancell?ing statement|query .*cancell?ed|aborted by user/i, "timeout"],
  [
    /password authentication failed|authentication failed|role .* does not exist|user .* does not exist/i,
    "auth",
  ],
  [
    /invalid input syntax|out of range|division by zero|value too long|invalid (value|timestamp|date)/i,
    "invalid_input",
  ],
  [/bytes per row|row size|exceeds .* limit|too large/i, "limit"],
  [/not supported|unsupported/i, "unsupported"],
];

/** A FAILED statement's `Error` text as a ConnectorError. */
export function statementFailure(text: string, cause: unknown): ConnectorError {
  const message = redactSecrets(text.replace(/^(ERROR|FATAL):\s*/, "").trim());
  const code = STATEMENT_ERRORS.find(([pattern]) => pattern.test(message))?.[1] ?? "internal";
  return new ConnectorError(code, message, { cause });
}

/** The Redshift Data API's part of the Data API error map (the API itself, not a FAILED statement). */
export const REDSHIFT_ERRORS: DataApiErrors = {
  service: "Redshift Data API",
  isThrottled: isRedshiftBusy,
  fromException: fromRedshiftException,
};

function fromRedshiftException(
  error: unknown,
  name: string,
  message: string,
  context: DataApiErrorContext,
): ConnectorError | undefined {
  const where = context.where;
  switch (name) {
    case "ValidationException":
      return fromValidation(error, message, where);
    case "QueryTimeoutException":
      return new ConnectorError("timeout", `The statement timed out on ${where}.`, { cause: error });
    case "DatabaseConnectionException":
      return new ConnectorError(
        "network",
        `${where} could not connect to database "${context.database}": ${message}`,
        { cause: error },
      );
    case "ResourceNotFoundException":
      return new ConnectorError(
        "internal",
        `The Redshift Data API no longer knows the statement: ${message}`,
        { cause: error, retryable: true },
      );
    case "ExecuteStatementException":
    case "BatchExecuteStatementException":
      return statementFailure(message, error);
    case "AccessDeniedException":
      return new ConnectorError(
        "permission",
        `AWS denied the role ${context.roleArn} access to ${where} or its credentials secret: both must be ` +
          `in the role's account, and its permissions must allow the redshift-data statement actions ` +
          `and secretsmanager:GetSecretValue (or redshift:GetClusterCredentials for a database user).`,
        { cause: error },
      );
    case "InternalServerException":
      return new ConnectorError("network", `The Redshift Data API failed: ${message}`, { cause: error });
  }
  return undefined;
}

/** ValidationException covers unknown clusters, missing secrets and bad requests alike: told apart by text. */
function fromValidation(error: unknown, message: string, where: string): ConnectorError {
  if (/endpoint doesn't exist|cluster .*not found|workgroup .*not found/i.test(message)) {
    return new ConnectorError("not_found", `${where} does not exist in this account and region.`, {
      cause: error,
    });
  }
  if (/can't find the specified secret|secret .*not found/i.test(message)) {
    return new ConnectorError(
      "not_found",
      `The database credentials secret (secretArn) for ${where} does not exist.`,
      { cause: error },
    );
  }
  if (/secret|password|username|credentials/i.test(message)) {
    return new ConnectorError("auth", `The database credentials for ${where} were refused: ${message}`, {
      cause: error,
    });
  }
  if (/database .*(does not exist|not found)/i.test(message)) {
    return new ConnectorError("not_found", message, { cause: error });
  }
  return new ConnectorError("invalid_input", `The Redshift Data API refused the request: ${message}`, {
    cause: error,
  });
}
