import { ConnectorError } from "../core/errors.ts";
import { awsErrorMessage, awsErrorName, isThrottling } from "../data-api/aws-errors.ts";
import type { DataApiErrorContext, DataApiErrors } from "../data-api/data-api-errors.ts";
import { connectorErrorForSqlState } from "../postgres-dialect/sql-state.ts";
import { postgresMessageFromDataApi, sqlStateFromMessage } from "./sql-state.ts";

const RESPONSE_TOO_LARGE = /more than the allowed response size limit/i;

/** True for the Data API's "Database returned more than the allowed response size limit" (1 MiB of records). */
export function isResponseTooLarge(error: unknown): boolean {
  if (error instanceof ConnectorError) return error.code === "limit" && isResponseTooLarge(error.cause);
  return awsErrorName(error) === "BadRequestException" && RESPONSE_TOO_LARGE.test(awsErrorMessage(error));
}

/** Aurora Serverless is waking up from auto-pause: worth waiting for. */
export function isDatabaseResuming(error: unknown): boolean {
  return awsErrorName(error) === "DatabaseResumingException";
}

/**
 * The RDS Data API's part of the Data API error map. Database errors keep their SQLSTATE (parsed from
 * the message's `; SQLState: 42P01` suffix); messages never carry the secret's value (the Data API
 * reads it server-side).
 */
export const AURORA_ERRORS: DataApiErrors = {
  service: "RDS Data API",
  isThrottled: isThrottling,
  fromException: fromAuroraException,
};

function fromAuroraException(
  error: unknown,
  name: string,
  message: string,
  context: DataApiErrorContext,
): ConnectorError | undefined {
  const cluster = context.where;
  switch (name) {
    case "DatabaseErrorException":
      return fromDatabaseError(error, message);
    case "DatabaseResumingException":
      return new ConnectorError(
        "resuming",
        `${cluster} is resuming after an auto-pause; retry in a few seconds.`,
        { cause: error },
      );
    case "StatementTimeoutException":
      return new ConnectorError(
        "timeout",
        `The statement ran longer than the Data API allows and was cancelled on ${cluster}.`,
        {
          cause: error,
        },
      );
    case "BadRequestException":
      if (RESPONSE_TOO_LARGE.test(message)) {
        return new ConnectorError(
          "limit",
          "The result is larger than the RDS Data API's 1 MiB response limit: select fewer columns or rows.",
          { cause: error, retryable: false },
        );
      }
      if (/Invalid resource ARN/i.test(message)) {
        return new ConnectorError(
          "not_found",
          `${cluster} does not exist (the resource ARN is not a cluster ARN).`,
          { cause: error },
        );
      }
      return new ConnectorError("invalid_input", `The RDS Data API refused the request: ${message}`, {
        cause: error,
      });
    case "HttpEndpointNotEnabledException":
      return new ConnectorError(
        "not_found",
        `${cluster} was not found in this account and region, or its Data API (HTTP endpoint) is not enabled.`,
        { cause: error },
      );
    case "DatabaseNotFoundException":
      return new ConnectorError("not_found", `Database "${context.database}" does not exist on ${cluster}.`, {
        cause: error,
      });
    case "SecretsErrorException":
      return /can't find|not found|ResourceNotFound/i.test(message)
        ? new ConnectorError(
            "not_found",
            `The database credentials secret (secretArn) for ${cluster} does not exist.`,
            { cause: error },
          )
        : new ConnectorError(
            "auth",
            `The Data API could not read the database credentials secret (secretArn) for ${cluster}.`,
            {
              cause: error,
            },
          );
    case "InvalidSecretException":
      return new ConnectorError(
        "auth",
        `The database credentials secret (secretArn) must be JSON with "username" and "password".`,
        {
          cause: error,
        },
      );
    case "AccessDeniedException":
      return new ConnectorError(
        "permission",
        `AWS denied the role ${context.roleArn} access to ${cluster} or its credentials secret: both must be ` +
          `in the role's account, and its permissions must allow rds-data:ExecuteStatement, ` +
          `rds-data:BeginTransaction, rds-data:RollbackTransaction and secretsmanager:GetSecretValue on them.`,
        { cause: error },
      );
    case "ForbiddenException":
      return new ConnectorError(
        "permission",
        `The RDS Data API refused the call to ${cluster}: insufficient privileges.`,
        { cause: error },
      );
    case "DatabaseUnavailableException":
    case "InternalServerErrorException":
    case "ServiceUnavailableError":
    case "ServiceUnavailableException":
      return new ConnectorError("network", `${cluster} is unavailable right now: ${message}`, {
        cause: error,
      });
    case "TransactionNotFoundException":
    case "NotFoundException":
      return new ConnectorError("internal", `The Data API lost the transaction on ${cluster}: ${message}`, {
        cause: error,
        retryable: true,
      });
    case "UnsupportedResultException":
      return /row size limit/i.test(message)
        ? new ConnectorError("limit", `A row is larger than the RDS Data API's row size limit: ${message}`, {
            cause: error,
            retryable: false,
          })
        : new ConnectorError("unsupported", `The RDS Data API cannot return this result: ${message}`, {
            cause: error,
          });
  }
  return undefined;
}

function fromDatabaseError(error: unknown, message: string): ConnectorError {
  const sqlState = sqlStateFromMessage(message);
  const text = postgresMessageFromDataApi(message);
  if (sqlState) return connectorErrorForSqlState(sqlState, text, error);
  return new ConnectorError("internal", `Database error: ${text}`, { cause: error });
}
