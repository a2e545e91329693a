import { randomUUID } from "node:crypto";
import { AwsServiceError, type JsonResponse } from "../http/aws-error.ts";
import type { ServiceName } from "../http/faults.ts";
import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import { signatureScope } from "./sigv4.ts";

/** One Query-protocol operation: the form's fields in, the `<Op>Result` members out (already XML). */
export type QueryOperation = (params: URLSearchParams, request: ServiceRequest) => string | Promise<string>;

/**
 * An AWS Query-protocol service (STS, IAM): `POST /` with a form body `Action=<Op>&Version=<v>&…`,
 * answered with `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…` XML, errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error>`. Both share the one port with the JSON
 * services, so a request is theirs when its SigV4 credential scope names the service (what the SDK
 * signs with), or, unsigned, when the form's `Version` is theirs.
 */
export function queryService(
  name: ServiceName,
  options: { signingName: string; version: string; namespace: string },
  operations: Record<string, QueryOperation>,
): HttpService {
  return {
    name,
    match(request: ServiceRequest) {
      if (request.method !== "POST" || request.path !== "/" || request.headers["x-amz-target"])
        return undefined;
      if (!String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
        return undefined;
      const params = new URLSearchParams(request.body.toString("utf8"));
      const scope = signatureScope(request.headers);
      const ours = scope ? scope.service === options.signingName : params.get("Version") === options.version;
      return ours ? (params.get("Action") ?? "MissingAction") : undefined;
    },
    async handle(operation: string, request: ServiceRequest): Promise<JsonResponse> {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!run)
        throw new AwsServiceError(
          "InvalidAction",
          `Could not find operation ${operation} for version ${options.version}`,
          400,
        );
      const params = new URLSearchParams(request.body.toString("utf8"));
      const result = await run(params, request);
      return {
        status: 200,
        headers: { "content-type": "text/xml" },
        body: null,
        text:
          `<${operation}Response xmlns="${options.namespace}"><${operation}Result>${result}</${operation}Result>` +
          `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`,
      };
    },
    formatError(error: AwsServiceError): JsonResponse {
      const code = QUERY_ERROR_CODES[error.type] ?? error.type;
      return {
        status: error.status,
        headers: { "content-type": "text/xml" },
        body: null,
        text:
          `<ErrorResponse xmlns="${options.namespace}"><Error><Type>${error.status >= 500 ? "Receiver" : "Sender"}</Type>` +
          `<Code>${xml(code)}</Code><Message>${xml(error.message)}</Message></Error>` +
          `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      };
    },
  };
}

/** The JSON services' names for credential failures, as the Query services spell them. */
const QUERY_ERROR_CODES: Record<string, string> = {
  UnrecognizedClientException: "InvalidClientTokenId",
  ExpiredTokenException: "ExpiredToken",
  AccessDeniedException: "AccessDenied",
};

/** Text escaped for an XML element. */
export function xml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A required form field, or the service's ValidationError naming it. */
export function requiredParam(params: URLSearchParams, name: string, pattern?: RegExp): string {
  const value = params.get(name);
  if (value === null || value === "") {
    throw new AwsServiceError(
      "ValidationError",
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (pattern && !pattern.test(value)) {
    throw new AwsServiceError(
      "ValidationError",
      `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
  return value;
}

export function optionalIntegerParam(params: URLSearchParams, name: string, min: number, max: number) {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AwsServiceError(
      "ValidationError",
      `1 validation error detected: Value '${raw}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  }
  return value;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** ISO 8601 without milliseconds, as STS and IAM write timestamps. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
