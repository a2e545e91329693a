import pg from "pg";
import type { JsonResponse } from "../http/aws-error.ts";

/**
 * A failure the Neon proxy reports itself (bad header, unparsable body, compute unreachable) rather
 * than one Postgres raised. Its `status` is the HTTP status Neon's proxy answers with.
 */
export class NeonProxyError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    /** SQLSTATE, when the proxy reports one (it does for cancelled queries). */
    readonly code = "",
  ) {
    super(message);
    this.name = "NeonProxyError";
  }
}

/** Postgres error fields, named as the driver copies them onto `NeonDbError`. */
const POSTGRES_ERROR_FIELDS = [
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "severity",
  "where",
  "table",
  "column",
  "schema",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

/**
 * Neon's error body: it always carries every key (`code` is "" and the others null when there is
 * no Postgres error), and the driver copies them onto `NeonDbError` for status 400.
 */
export function neonErrorBody(
  message: string,
  code = "",
  database?: pg.DatabaseError,
): Record<string, unknown> {
  const body: Record<string, unknown> = { message, code: database?.code ?? code };
  for (const field of POSTGRES_ERROR_FIELDS) body[field] = database?.[field] ?? null;
  return body;
}

/**
 * Maps anything thrown while serving `/sql` to Neon's response: Postgres errors (also those raised
 * while connecting, e.g. a missing database) are 400 with all their fields, like Neon's proxy does.
 */
export function neonErrorResponse(error: unknown): JsonResponse {
  if (error instanceof NeonProxyError)
    return neonResponse(error.status, neonErrorBody(error.message, error.code));
  if (error instanceof pg.DatabaseError) return neonResponse(400, neonErrorBody(error.message, "", error));
  // A query that lost its connection: Neon reports the client library's message with status 400.
  const message = error instanceof Error ? error.message : String(error);
  return neonResponse(400, neonErrorBody(message));
}

/** Every answer of Neon's SQL-over-HTTP endpoint allows any origin (browsers call it directly). */
export function neonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): JsonResponse {
  return { status, body, headers: { "Access-Control-Allow-Origin": "*", ...headers } };
}
