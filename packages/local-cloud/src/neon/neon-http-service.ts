import type { AwsServiceError } from "../http/aws-error.ts";
import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import type { CloudContext } from "../local-cloud.ts";
import { neonErrorBody, neonErrorResponse, neonResponse } from "./neon-errors.ts";
import { type NeonHeaders, parseNeonHeaders, parseNeonPayload } from "./neon-request.ts";
import { checkResponseSize, runBatch, runSingle } from "./neon-sql-executor.ts";

/** A fault's error type that looks like a SQLSTATE (`57P01`) is reported as the Postgres `code`. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Neon's SQL-over-HTTP endpoint (`POST /sql`, what `neon()` from `@neondatabase/serverless`
 * calls): the connection string header picks the login and database, a body holds one statement
 * or a batch that runs as one transaction. Answers and errors have Neon's JSON shapes.
 */
export function neonHttpService(context: CloudContext): HttpService {
  return {
    name: "neon",
    match: (request) => (request.method === "POST" && request.path === "/sql" ? "sql" : undefined),
    async handle(_operation, request) {
      try {
        return await handleSql(context, request);
      } catch (error) {
        return neonErrorResponse(error);
      }
    },
    formatError: (error: AwsServiceError) =>
      neonResponse(error.status, neonErrorBody(error.message, SQLSTATE.test(error.type) ? error.type : "")),
  };
}

async function handleSql(context: CloudContext, request: ServiceRequest) {
  // Neon checks the connection string and option headers before it reads the body.
  const headers = parseNeonHeaders(request.headers);
  const payload = parseNeonPayload(request.body);
  const pool = context.backend.pool(headers.login);
  if (payload.kind === "single") {
    const result = await runSingle(pool, payload.query, headers);
    checkResponseSize(result);
    return neonResponse(200, result);
  }
  const body = { results: await runBatch(pool, payload.queries, headers) };
  checkResponseSize(body);
  return neonResponse(200, body, echoedTransactionHeaders(headers));
}

/** Neon echoes the transaction options it applied to a batch. */
function echoedTransactionHeaders(headers: NeonHeaders): Record<string, string> {
  const echoed: Record<string, string> = {};
  if (headers.readOnly) echoed["Neon-Batch-Read-Only"] = "true";
  if (headers.deferrable) echoed["Neon-Batch-Deferrable"] = "true";
  if (headers.isolationLevel) echoed["Neon-Batch-Isolation-Level"] = headers.isolationLevel;
  return echoed;
}
