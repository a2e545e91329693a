import { ConnectorError, isConnectorError, refusedNetworkError } from "../core/errors.ts";
import {
  NETWORK_ERROR_CODES,
  connectorErrorForSqlState,
  networkError,
} from "../postgres-dialect/sql-state.ts";

const SQL_STATE = /^[0-9A-Z]{5}$/;

interface NeonErrorShape {
  name?: string;
  message?: string;
  code?: unknown;
  /** The driver's wrapper around a failed `fetch` keeps the fetch error here. */
  sourceError?: unknown;
  cause?: unknown;
}

/**
 * Any failure of the Neon HTTP driver as a ConnectorError:
 * - Postgres errors (HTTP 400 with `code`) by SQLSTATE, like every Postgres engine;
 * - our abort signal firing (`TimeoutError`, also while the body is read) → `timeout`;
 * - `fetch` failing (refused, reset, dropped: undici's `UND_ERR_SOCKET`) → `network`, retryable;
 * - other HTTP statuses: 429 `throttled`, 413/507 (response too large) `limit`, 401/403 `auth`, 5xx
 *   (e.g. "Couldn't connect to compute node") `network`, retryable.
 */
export function mapNeonError(error: unknown, timeoutMs: number): ConnectorError {
  if (isConnectorError(error)) return error;
  const refused =
    refusedNetworkError(error) ?? refusedNetworkError((error as NeonErrorShape | null)?.sourceError);
  if (refused) return refused;
  const shape = (error ?? {}) as NeonErrorShape;
  const message = shape.message ?? String(error);
  if (isAbort(error) || isAbort(shape.sourceError)) {
    return new ConnectorError("timeout", `The database did not answer within ${timeoutMs} ms.`, {
      cause: error,
    });
  }
  if (typeof shape.code === "string" && SQL_STATE.test(shape.code))
    return connectorErrorForSqlState(shape.code, message, error);
  if (shape.sourceError !== undefined) {
    const socketCode = nodeCodeOf(shape.sourceError);
    if (socketCode && NETWORK_ERROR_CODES.has(socketCode)) return networkError(socketCode, message, error);
    return new ConnectorError("network", `Could not reach the Neon endpoint: ${message}`, { cause: error });
  }
  const status = Number(/HTTP status (\d{3})/.exec(message)?.[1] ?? 0);
  if (status === 429)
    return new ConnectorError("throttled", `Neon is rate limiting requests: ${message}`, { cause: error });
  if (status === 413 || status === 507)
    return new ConnectorError("limit", `The response is too large: ${message}`, { cause: error });
  if (status === 401 || status === 403)
    return new ConnectorError("auth", `Neon refused the credentials: ${message}`, { cause: error });
  if (status >= 500)
    return new ConnectorError("network", `Neon could not run the query: ${message}`, { cause: error });
  return new ConnectorError("internal", `Unexpected Neon driver error: ${message}`, { cause: error });
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** `fetch failed` hides the socket error in `cause` (undici), sometimes one level deeper. */
function nodeCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
