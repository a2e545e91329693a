import { AwsServiceError } from "../http/aws-error.ts";

/*
 * The Redshift Data API models its errors with a capitalised `Message` member; the SDK reads the
 * exception text from `message` or `Message`, so both are sent and either way of reading works.
 * Client errors come back as HTTP 400 (also ResourceNotFoundException, whatever the model says).
 */

/** `ValidationException`, the Data API's answer to nearly every bad request. */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", message, 400, { Message: message });
}

/** What DescribeStatement and friends answer for an id that is well formed but unknown (or expired). */
export function queryNotFound(id: string): AwsServiceError {
  const message = "Query does not exist.";
  return new AwsServiceError("ResourceNotFoundException", message, 400, { Message: message, ResourceId: id });
}

/** A member of the wrong JSON type: the AWS JSON front end rejects it before validation. */
export function serializationError(message: string): AwsServiceError {
  return new AwsServiceError("SerializationException", message, 400, { Message: message });
}

const STATEMENT_ID = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d+)?$/;

/** Rejects ids that do not match the service's pattern, with its exact message. */
export function requireStatementId(id: string): string {
  if (!STATEMENT_ID.test(id)) {
    throw validationError(
      "id must satisfy regex pattern: ^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d+)?$",
    );
  }
  return id;
}
