import { z } from "zod";
import type { AppErrorData } from "../lib/errors";

/*
 * Every /v1 failure is an RFC 9457 problem (`application/problem+json`) with a stable `code` callers
 * may branch on; `detail` is for people and may change. The catalogue below is the whole list.
 */

export const PROBLEMS = {
  unauthenticated: { status: 401, title: "No API key" },
  invalid_api_key: { status: 401, title: "Unknown API key" },
  api_key_revoked: { status: 401, title: "API key revoked" },
  api_key_expired: { status: 401, title: "API key expired" },
  insufficient_scope: { status: 403, title: "The key lacks the scope this endpoint needs" },
  forbidden: { status: 403, title: "Forbidden" },
  invalid_json: { status: 400, title: "The body is not JSON" },
  invalid_input: { status: 400, title: "Invalid request" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  payload_too_large: { status: 413, title: "Body too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  idempotency_key_reused: { status: 422, title: "Idempotency-Key reused with another request" },
  idempotency_in_progress: { status: 409, title: "A request with this Idempotency-Key is still running" },
  provider_model_required: { status: 409, title: "This needs a provider language model" },
  rejected_sql: { status: 422, title: "The read-only SQL guard refused the statement" },
  sql_error: { status: 422, title: "The database refused the statement" },
  rate_limited: { status: 429, title: "Too many requests" },
  upstream_failed: { status: 502, title: "The organization's data source failed" },
  internal: { status: 500, title: "Internal error" },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** The problem body, as the OpenAPI document states it. */
export const problemSchema = z
  .object({
    type: z.string().describe("`urn:answerbase:problem:<code>`"),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(PROBLEM_CODES as [ProblemCode, ...ProblemCode[]]),
    detail: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe("400 only: every invalid field of the request."),
    retryAfterSeconds: z.number().int().optional().describe("429 only: also in the Retry-After header."),
    sqlState: z.string().optional().describe("`sql_error` only: the database's SQLSTATE."),
    position: z
      .number()
      .int()
      .optional()
      .describe("`sql_error` only: the 1-based character of the statement the error points at."),
    sql: z.string().optional().describe("`POST /v1/ask` only: the statement the model wrote."),
  })
  .describe("An RFC 9457 problem: branch on `code`.");

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  errors?: { field: string; message: string }[];
  retryAfterSeconds?: number;
  sqlState?: string;
  position?: number;
  sql?: string;
}

export function problem(
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, "errors" | "retryAfterSeconds" | "sqlState" | "position" | "sql"> = {},
): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: `urn:answerbase:problem:${code}`, title, status, code, detail, ...extra };
}

/** Connector failures (timeouts, refused connections, ...) are the tenant database's, not the caller's. */
const FROM_APP_ERROR: Partial<Record<string, ProblemCode>> = {
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  permission: "forbidden",
  not_found: "not_found",
  invalid_input: "invalid_input",
  rejected_sql: "invalid_input",
  rate_limited: "rate_limited",
  throttled: "rate_limited",
  provider_model_required: "provider_model_required",
};

/** A `ConvexError` from the catalogue (lib/errors.ts) as a problem. */
export function problemFromAppError(data: AppErrorData): Problem {
  const code = FROM_APP_ERROR[data.code] ?? (data.code === "internal" ? "internal" : "upstream_failed");
  if (code === "rate_limited") {
    return problem(code, data.message, {
      retryAfterSeconds: Math.max(1, Math.ceil((data.retryAfterMs ?? 1000) / 1000)),
    });
  }
  return problem(code, data.message, data.fields === undefined ? {} : { errors: data.fields });
}

/**
 * The SQL routes' reading of a failure: a refusal by the guard, or the database's own error about the
 * statement (it has a SQLSTATE: syntax, unknown column, division by zero, timeout), is the caller's
 * statement, 422 with the message and position; the rest as on every route. Never a stack.
 */
export function sqlProblemFromAppError(data: AppErrorData): Problem {
  const sql = data.sql === undefined ? {} : { sql: data.sql };
  if (data.code === "rejected_sql") return problem("rejected_sql", data.message, sql);
  if (
    data.code === "syntax" ||
    (data.sqlState !== undefined && data.code !== "auth" && data.code !== "network")
  ) {
    return problem("sql_error", data.message, {
      ...sql,
      ...(data.sqlState === undefined ? {} : { sqlState: data.sqlState }),
      ...(data.position === undefined ? {} : { position: data.position }),
    });
  }
  const general = problemFromAppError(data);
  return general.status < 500 && general.code !== "rate_limited" ? { ...general, ...sql } : general;
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: {
      "content-type": "application/problem+json",
      ...(body.retryAfterSeconds === undefined ? {} : { "retry-after": String(body.retryAfterSeconds) }),
      ...headers,
    },
  });
}
