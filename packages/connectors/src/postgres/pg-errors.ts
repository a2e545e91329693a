import { ConnectorError, isConnectorError, refusedNetworkError } from "../core/errors.ts";
import {
  NETWORK_ERROR_CODES,
  connectorErrorForSqlState,
  networkError,
} from "../postgres-dialect/sql-state.ts";

/** SQLSTATEs are five characters of digits and capital letters; Node's codes are `E...`. */
const SQL_STATE = /^[0-9A-Z]{5}$/;

/**
 * Any failure of `pg` as a ConnectorError: server errors by SQLSTATE (postgres-dialect/sql-state.ts),
 * socket errors as `network`, and the client-side messages pg produces itself (lost connection,
 * SASL without a password, SSL refused). Unknown errors stay `internal` with their cause.
 */
export function mapPgError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  const refused = refusedNetworkError(error);
  if (refused) return refused;
  const { code, message } = describe(error);
  if (code && SQL_STATE.test(code)) return connectorErrorForSqlState(code, message, error);
  if (code && NETWORK_ERROR_CODES.has(code)) return networkError(code, message, error);
  if (
    /connection terminated|connection ended|server closed the connection|Connection terminated unexpectedly/i.test(
      message,
    )
  ) {
    return new ConnectorError("network", `The database closed the connection: ${message}`, { cause: error });
  }
  if (/SASL|password must be a string|client password|authentication/i.test(message)) {
    return new ConnectorError("auth", `Authentication failed: ${message}`, { cause: error });
  }
  if (/does not support SSL|SSL/i.test(message)) {
    return new ConnectorError("network", `TLS negotiation failed: ${message}`, {
      cause: error,
      retryable: false,
    });
  }
  return new ConnectorError("internal", `Unexpected database client error: ${message}`, { cause: error });
}

function describe(error: unknown): { code: string | undefined; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // AggregateError (happy eyeballs tried several addresses): the first one says enough
    const inner =
      error instanceof AggregateError ? (error.errors[0] as { code?: unknown } | undefined) : undefined;
    const anyCode =
      typeof code === "string" ? code : typeof inner?.code === "string" ? inner.code : undefined;
    return {
      code: anyCode,
      message: error.message || (inner instanceof Error ? inner.message : String(anyCode ?? "error")),
    };
  }
  return { code: undefined, message: String(error) };
}
