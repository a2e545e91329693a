import type { ConnectorErrorCode } from "@answerbase/connectors";
import { ConvexError } from "convex/values";

/**
 * The backend's one catalogue of error codes. Every failure a client can act on is a
 * `ConvexError({code, message, ...})`: plain `Error` messages are hidden from clients in production.
 * Connector codes (auth, network, timeout, not_found, permission, syntax, limit, resuming, throttled,
 * rejected_sql, unsupported, invalid_input, invalid_config, internal) pass through unchanged.
 */
export const APP_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "invalid_config",
  "not_configured",
  "rate_limited",
  "secret_missing",
  "secret_corrupted",
  "secret_store_unavailable",
  "invitation_invalid",
  "last_owner",
  "session_expired",
  "invalid_credentials",
  /** An approval or confirmation already decided: deciding again changes nothing. */
  "already_decided",
  /** An approval or confirmation whose time ran out: deciding it changes nothing. */
  "expired",
  /** Needs a provider language model (LANGUAGE_MODEL); the deployment runs the offline one. */
  "provider_model_required",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number] | ConnectorErrorCode;

// A type alias, not an interface: ConvexError data must be assignable to an index signature.
export type AppErrorData = {
  code: AppErrorCode;
  message: string;
  retryable?: boolean;
  fields?: { field: string; message: string }[];
  retryAfterMs?: number;
  /** The database's SQLSTATE, when it reported one. */
  sqlState?: string;
  /** 1-based character of the SQL the database's error points at. */
  position?: number;
  /** The statement a model wrote, when running it failed (POST /v1/ask shows the caller what ran). */
  sql?: string;
};

export function appError(
  code: AppErrorCode,
  message: string,
  extra: Omit<AppErrorData, "code" | "message"> = {},
) {
  return new ConvexError<AppErrorData>({ code, message, ...extra });
}

export function isAppError(error: unknown): error is ConvexError<AppErrorData> {
  return (
    error instanceof ConvexError &&
    typeof (error.data as { code?: unknown } | null)?.code === "string" &&
    typeof (error.data as { message?: unknown } | null)?.message === "string"
  );
}
