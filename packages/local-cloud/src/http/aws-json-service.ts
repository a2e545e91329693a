import type { JsonResponse } from "./aws-error.ts";
import { AwsServiceError } from "./aws-error.ts";
import type { HttpService, ServiceRequest } from "./http-server.ts";
import type { ServiceName } from "./faults.ts";

export type JsonInput = Record<string, unknown>;
/** Takes the JSON input and the request (for its signer); returns a value or a promise of one. */
export type Operation = (input: JsonInput, request: ServiceRequest) => unknown;

/**
 * An awsJson1_1 service: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a JSON body
 * (Secrets Manager, Redshift Data API). Responses use `application/x-amz-json-1.1`.
 */
export function awsJsonService(
  name: ServiceName,
  targetPrefix: string,
  operations: Record<string, Operation>,
): HttpService {
  return {
    name,
    match(request: ServiceRequest) {
      const target = request.headers["x-amz-target"];
      if (request.method !== "POST" || typeof target !== "string") return undefined;
      const [prefix, operation] = target.split(".");
      return prefix === targetPrefix && operation ? operation : undefined;
    },
    async handle(operation: string, request: ServiceRequest): Promise<JsonResponse> {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!run) {
        throw new AwsServiceError(
          "UnknownOperationException",
          `${targetPrefix}.${operation} is not an operation of this service`,
        );
      }
      const input = request.json();
      if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new AwsServiceError("SerializationException", "request body must be a JSON object");
      }
      const output = await run(input as JsonInput, request);
      return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: output ?? {} };
    },
  };
}

/** Field readers that answer bad input with the service's validation error, naming the field. */
export function fieldReader(errorType: string) {
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new AwsServiceError(
      errorType,
      value === undefined
        ? `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`
        : `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be ${expected}`,
    );
  };
  return {
    string(input: JsonInput, field: string): string {
      const value = input[field];
      return typeof value === "string" && value.length > 0 ? value : fail(field, "a non-empty string", value);
    },
    optionalString(input: JsonInput, field: string): string | undefined {
      const value = input[field];
      return value === undefined || value === null
        ? undefined
        : typeof value === "string"
          ? value
          : fail(field, "a string", value);
    },
    optionalInteger(input: JsonInput, field: string, min: number, max: number): number | undefined {
      const value = input[field];
      if (value === undefined || value === null) return undefined;
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
        ? (value as number)
        : fail(field, `an integer between ${min} and ${max}`, value);
    },
    optionalBoolean(input: JsonInput, field: string): boolean | undefined {
      const value = input[field];
      return value === undefined || value === null
        ? undefined
        : typeof value === "boolean"
          ? value
          : fail(field, "a boolean", value);
    },
  };
}
