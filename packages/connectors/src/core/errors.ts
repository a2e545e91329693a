import { EGRESS_REFUSED_MESSAGE, isEgressRefused } from "@answerbase/egress";

/**
 * The one error type every connector throws. `code` says what happened in terms a caller can act on,
 * `retryable` whether trying again may succeed, `message` is safe to show a user (never a password or
 * a full connection string), and `cause` keeps the driver's original error for logs.
 */
export const CONNECTOR_ERROR_CODES = [
  /** The data source config is malformed; `fields` names each problem. */
  "invalid_config",
  /** Wrong user, password, secret or token. */
  "auth",
  /** Host unreachable, connection refused or dropped, DNS failure. */
  "network",
  /**
   * The egress policy refused the address (loopback, private, link-local, ...): one message for every
   * refused target, never retryable. See `@answerbase/egress`.
   */
  "forbidden_network",
  /** The call took longer than its timeout (and was cancelled where the engine allows). */
  "timeout",
  /** Table, schema, database, cluster or secret does not exist. */
  "not_found",
  /** The credentials are valid but lack a privilege. */
  "permission",
  /** The SQL does not parse, or names a column that does not exist. */
  "syntax",
  /** A size limit: response too large, too many rows requested, row too wide. */
  "limit",
  /** The database is waking up (Aurora Serverless auto-pause); retry shortly. */
  "resuming",
  /** The service is rate limiting; retry with back-off. */
  "throttled",
  /** The read-only SQL guard refused the statement. */
  "rejected_sql",
  /** The engine cannot do what was asked (e.g. a type or feature Redshift lacks). */
  "unsupported",
  /** A call argument is malformed: a cursor, a limit, a table reference. */
  "invalid_input",
  /** Anything else: a bug or an unexpected server answer. */
  "internal",
] as const;

export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

const RETRYABLE_BY_DEFAULT: ReadonlySet<ConnectorErrorCode> = new Set([
  "network",
  "timeout",
  "resuming",
  "throttled",
]);

export interface ConnectorErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  /** Postgres SQLSTATE when the database reported one. */
  sqlState?: string | undefined;
  /** 1-based character in the SQL the error points at, when the parser or the database said. */
  position?: number | undefined;
  /** For `invalid_config`: one entry per bad field. */
  fields?: FieldProblem[] | undefined;
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. `rdsResourceArn` or `connectionString`. */
  field: string;
  message: string;
}

export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly retryable: boolean;
  readonly sqlState: string | undefined;
  readonly position: number | undefined;
  readonly fields: FieldProblem[] | undefined;

  constructor(code: ConnectorErrorCode, message: string, options: ConnectorErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectorError";
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.sqlState = options.sqlState;
    this.position = options.position;
    this.fields = options.fields;
  }

  /** A plain object for logs and API responses: code, message, retryable, SQLSTATE, fields. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      sqlState: this.sqlState,
      position: this.position,
      fields: this.fields,
    };
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/**
 * Removes credentials from text that may quote a connection string or an error from a driver:
 * `postgres://user:secret@host` → `postgres://user:***@host`, and `password=...` pairs.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, "$1***@")
    .replace(/(password\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi, "$1***");
}

/** The egress policy's refusal as a ConnectorError: its one message, never retryable. */
export function refusedNetworkError(error: unknown): ConnectorError | null {
  if (!isEgressRefused(error)) return null;
  return new ConnectorError("forbidden_network", EGRESS_REFUSED_MESSAGE, { cause: error, retryable: false });
}

/** Only ConnectorError leaves a connector: anything else is a bug, kept as the cause. */
export function asConnectorError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  return new ConnectorError("internal", "Unexpected connector failure.", { cause: error });
}
