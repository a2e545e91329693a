import { ConnectorError, redactSecrets } from "../core/errors.ts";
import { awsErrorMessage, awsErrorName, fromOtherAwsFailure, isAbort } from "./aws-errors.ts";

/** What a Data API error message may name: where the statement ran, never credentials or secrets. */
export interface DataApiErrorContext {
  /** Where the call went, as messages name it: `Aurora cluster "x"`, `Redshift workgroup "y"`. */
  where: string;
  database: string;
  /** The organization's role every call is signed with. */
  roleArn: string;
  timeoutMs: number;
}

/** What one Data API service (RDS or Redshift) adds to the shared error map. */
export interface DataApiErrors {
  /** The service as messages name it: "RDS Data API", "Redshift Data API". */
  service: string;
  /** The service's ways of saying "too many requests", reported as `throttled`. */
  isThrottled(error: unknown): boolean;
  /**
   * The service's own exceptions by name, with the message already redacted; undefined leaves the
   * failure to the tail both services share (credentials, network, 5xx, unexpected).
   */
  fromException(
    error: unknown,
    name: string,
    message: string,
    context: DataApiErrorContext,
  ): ConnectorError | undefined;
}

/**
 * Maps a Data API call failure to a ConnectorError: our own errors pass through, an abort by our
 * deadline is `timeout`, throttling is `throttled`, then the service's exceptions, then the shared
 * AWS tail. AWS messages are quoted only after redaction.
 */
export function toDataApiError(
  error: unknown,
  errors: DataApiErrors,
  context: DataApiErrorContext,
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (isAbort(error)) {
    return new ConnectorError("timeout", `${context.where} did not answer within ${context.timeoutMs} ms.`, {
      cause: error,
    });
  }
  if (errors.isThrottled(error)) {
    return new ConnectorError(
      "throttled",
      `The ${errors.service} is throttling requests to ${context.where}; retry shortly.`,
      { cause: error },
    );
  }
  const message = redactSecrets(awsErrorMessage(error));
  return (
    errors.fromException(error, awsErrorName(error), message, context) ??
    fromOtherAwsFailure(error, errors.service, context.where)
  );
}
