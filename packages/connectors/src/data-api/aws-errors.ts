import { ConnectorError } from "../core/errors.ts";
/**
 * What both Data API connectors (RDS and Redshift) need to know about an AWS SDK failure, whatever
 * the service: its exception name, whether the call was aborted by our deadline, whether the
 * connection itself failed, or whether AWS is throttling us.
 */

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);

const THROTTLING_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "SlowDown",
]);

const CREDENTIAL_NAMES = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "CredentialsProviderError",
  "MissingAuthenticationTokenException",
]);

/** The exception type AWS answered with (`DatabaseErrorException`, ...) or the JS error's name. */
export function awsErrorName(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const name = (error as { name?: unknown }).name;
  return typeof name === "string" ? name : "";
}

export function awsErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) {
    const message =
      (error as { message?: unknown; Message?: unknown }).message ?? (error as { Message?: unknown }).Message;
    if (typeof message === "string") return message;
  }
  return String(error);
}

/**
 * True when the call was cut by its AbortSignal (our deadline). The SDK's Node handler also names a
 * reset socket "TimeoutError" (with `code: ECONNRESET`), so a network code wins over the name.
 */
export function isAbort(error: unknown): boolean {
  const name = awsErrorName(error);
  return (name === "AbortError" || name === "TimeoutError") && !hasNetworkCode(error);
}

function hasNetworkCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && NETWORK_CODES.has(code);
}

/** Connection refused, reset, dropped ("socket hang up"), DNS failure: the request never got an answer. */
export function isNetworkFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if (hasNetworkCode(error)) return true;
  const message = awsErrorMessage(error);
  if (/socket hang up|ECONNREFUSED|ECONNRESET|other side closed|fetch failed/i.test(message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isNetworkFailure(cause);
}

export function isThrottling(error: unknown): boolean {
  const name = awsErrorName(error);
  if (THROTTLING_NAMES.has(name)) return true;
  return (error as { $retryable?: { throttling?: boolean } } | null)?.$retryable?.throttling === true;
}

/** The AWS credentials themselves are refused (not the database's). */
export function isAwsCredentialFailure(error: unknown): boolean {
  return CREDENTIAL_NAMES.has(awsErrorName(error));
}

/** HTTP status of an AWS answer, when there was one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/**
 * The tail both Data API connectors share once their service-specific exceptions are mapped:
 * credentials refused, endpoint unreachable, a 5xx, or something unexpected.
 */
export function fromOtherAwsFailure(error: unknown, service: string, where: string): ConnectorError {
  const message = awsErrorMessage(error);
  const name = awsErrorName(error);
  if (isAwsCredentialFailure(error)) {
    return new ConnectorError("auth", `AWS refused the credentials signing the ${service} call.`, {
      cause: error,
    });
  }
  if (isNetworkFailure(error)) {
    return new ConnectorError(
      "network",
      `The ${service} endpoint for ${where} could not be reached: ${message}`,
      {
        cause: error,
      },
    );
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 500) {
    return new ConnectorError("network", `The ${service} failed (HTTP ${status}): ${message}`, {
      cause: error,
    });
  }
  return new ConnectorError(
    "internal",
    `Unexpected ${service} error${name ? ` (${name})` : ""}: ${message}`,
    {
      cause: error,
    },
  );
}
