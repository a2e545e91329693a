/**
 * An error the way an AWS service reports it: a type name the SDK turns into an exception class
 * (`ResourceNotFoundException`, `BadRequestException`, ...), an HTTP status and a message.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra members some errors carry (e.g. RDS Data API `DatabaseErrorException`'s none, Redshift's `StatementId`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/** Wire shape shared by awsJson1_1 and restJson1: the SDK reads `x-amzn-ErrorType` first, then `__type`. */
export function awsErrorResponse(error: AwsServiceError): JsonResponse {
  return {
    status: error.status,
    headers: { "x-amzn-ErrorType": error.type },
    body: { __type: error.type, message: error.message, ...error.extra },
  };
}

export interface JsonResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent as is instead of `body` as JSON (the Query protocol's XML). */
  text?: string | undefined;
}
