import { ConnectorError, type ConnectorErrorCode } from "../core/errors.ts";

/**
 * SQLSTATE → ConnectorError, for every engine that reports Postgres errors (pg, Neon, the Data APIs).
 * No driver import: each executor extracts `code` and `message` its own way and calls this.
 *
 * Choices worth knowing:
 * - 25006 (read_only_sql_transaction) is `rejected_sql`: the statement tried to write inside our
 *   read-only transaction, i.e. the second line of defence refused what the guard should have; more
 *   privileges would not help, so `permission` would mislead.
 * - 57014 (query_canceled) is `timeout`: we only cancel statements when their time is up (server-side
 *   statement_timeout or our client-side cancel).
 * - 53300 (too_many_connections) is `throttled` and 57P03 (cannot_connect_now: starting up, or a Neon
 *   compute waking) is `resuming`, both retryable.
 * - Class 22 (data exceptions: a bad cast of a parameter, division by zero) is `invalid_input`.
 */
const BY_STATE: Record<string, ConnectorErrorCode> = {
  "28P01": "auth",
  "28000": "auth",
  "3D000": "not_found",
  "3F000": "not_found",
  "42P01": "not_found",
  "42501": "permission",
  "25006": "rejected_sql",
  "57014": "timeout",
  "53300": "throttled",
  "53400": "limit",
  "54000": "limit",
  "54001": "limit",
  "57P03": "resuming",
  "57P01": "network",
  "57P02": "network",
  "0A000": "unsupported",
};

const BY_CLASS: Record<string, ConnectorErrorCode> = {
  "08": "network", // connection exception
  "22": "invalid_input", // data exception
  "28": "auth",
  "42": "syntax", // syntax error or access rule violation (42501 and 42P01 handled above)
};

/** Transient failures worth retrying although their code is not retryable by default. */
const RETRYABLE_STATES = new Set(["40001", "40P01", "55P03", "53200"]);

export function connectorCodeForSqlState(sqlState: string): ConnectorErrorCode {
  return BY_STATE[sqlState] ?? BY_CLASS[sqlState.slice(0, 2)] ?? "internal";
}

/** A Postgres error (SQLSTATE + server message) as a ConnectorError; the message is Postgres's own. */
export function connectorErrorForSqlState(sqlState: string, message: string, cause: unknown): ConnectorError {
  const code = connectorCodeForSqlState(sqlState);
  const retryable = RETRYABLE_STATES.has(sqlState) ? true : undefined;
  const text =
    code === "timeout"
      ? `The statement was cancelled: it ran longer than its timeout (${message}).`
      : message;
  return new ConnectorError(code, text, {
    cause,
    sqlState,
    position: positionOf(cause),
    ...(retryable === undefined ? {} : { retryable }),
  });
}

/** The server's error position (pg and the Neon driver both give it as text, 1-based), if any. */
function positionOf(cause: unknown): number | undefined {
  const raw = (cause as { position?: unknown } | null | undefined)?.position;
  const position = typeof raw === "string" ? Number(raw) : raw;
  return typeof position === "number" && Number.isInteger(position) && position > 0 ? position : undefined;
}

/** Node socket error codes (`error.code`) that mean the server could not be reached or hung up. */
export const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A socket failure as `network`; a host name that does not resolve will not start resolving on retry. */
export function networkError(nodeCode: string, message: string, cause: unknown): ConnectorError {
  return new ConnectorError("network", `Could not reach the database: ${message}`, {
    cause,
    retryable: nodeCode !== "ENOTFOUND",
  });
}
