import { AwsServiceError } from "../http/aws-error.ts";

/**
 * The RDS Data API's errors, with the HTTP status the SDK's error schema declares for each type
 * (`@aws-sdk/client-rds-data` registers BadRequestException 400, NotFoundException 404, ...).
 * Messages copy the real service's where they are known (see docs/local-cloud.md); where they
 * are not, they say plainly what went wrong.
 */
export const rdsError = {
  badRequest: (message: string) => new AwsServiceError("BadRequestException", message, 400),

  /** An unknown or disabled cluster: AWS cannot tell the two apart for the caller. */
  httpEndpointNotEnabled: (resourceArn: string) =>
    new AwsServiceError(
      "HttpEndpointNotEnabledException",
      `HttpEndpoint is not enabled for cluster ${clusterName(resourceArn)}. Please refer to https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html#data-api.troubleshooting`,
      400,
    ),

  secretNotFound: (secretArn: string) =>
    new AwsServiceError(
      "SecretsErrorException",
      `Error fetching secret ${secretArn}: Secrets Manager can't find the specified secret.`,
      400,
    ),

  invalidSecret: (secretArn: string) =>
    new AwsServiceError(
      "InvalidSecretException",
      `The secret ${secretArn} must be a JSON object with string "username" and "password" members.`,
      400,
    ),

  /** Execute/BatchExecute name this case TransactionNotFoundException; Commit/Rollback, NotFoundException. */
  transactionNotFound: (transactionId: string, type: "TransactionNotFoundException" | "NotFoundException") =>
    new AwsServiceError(type, `Transaction ${transactionId} is not found`, 404),

  statementTimeout: (dbConnectionId: number | undefined) =>
    new AwsServiceError(
      "StatementTimeoutException",
      "Request timed out",
      400,
      dbConnectionId === undefined ? {} : { dbConnectionId },
    ),

  responseTooLarge: () => rdsError.badRequest("Database returned more than the allowed response size limit"),

  unsupportedResult: (message: string) => new AwsServiceError("UnsupportedResultException", message, 400),

  databaseUnavailable: (message: string) => new AwsServiceError("DatabaseUnavailableException", message, 504),

  databaseError: (message: string) => new AwsServiceError("DatabaseErrorException", message, 400),
};

function clusterName(resourceArn: string): string {
  return resourceArn.split(":").pop() || resourceArn;
}

/** The fields of a `pg` DatabaseError we read (the ErrorResponse message of the wire protocol). */
interface PostgresErrorFields {
  message: string;
  severity?: string | undefined;
  code?: string | undefined;
  hint?: string | undefined;
  position?: string | undefined;
  where?: string | undefined;
}

function isPostgresError(error: unknown): error is Error & PostgresErrorFields {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === "string" && "severity" in error
  );
}

/**
 * Turns whatever the database side threw into the Data API's error. Postgres errors become
 * DatabaseErrorException formatted like the service does for Aurora PostgreSQL (Serverless v2 and
 * provisioned): `ERROR: <message>; Hint: <hint>; Position: <n>; SQLState: <code>` — the pgjdbc
 * rendering with newlines folded into "; " and the SQLSTATE appended, without the Detail line.
 * Connection failures become DatabaseUnavailableException.
 */
export function toDataApiError(error: unknown): AwsServiceError {
  if (error instanceof AwsServiceError) return error;
  if (isPostgresError(error)) return rdsError.databaseError(formatPostgresError(error));
  const message = error instanceof Error ? error.message : String(error);
  return rdsError.databaseUnavailable(`The database is not reachable: ${message}`);
}

/** `ERROR: relation "x" does not exist; Position: 15; SQLState: 42P01` */
export function formatPostgresError(error: PostgresErrorFields): string {
  let text = `${error.severity ?? "ERROR"}: ${error.message}`;
  if (error.hint) text += `; Hint: ${error.hint}`;
  if (error.position) text += `; Position: ${error.position}`;
  if (error.where) text += `; Where: ${error.where}`;
  if (error.code) text += `; SQLState: ${error.code}`;
  return text;
}

/** True when a `pg` error means the connection itself is unusable (so a pool must not reuse it). */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof AwsServiceError) return false;
  return !isPostgresError(error) || error.severity === "FATAL" || error.severity === "PANIC";
}
