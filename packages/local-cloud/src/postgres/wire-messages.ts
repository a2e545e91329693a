// The few Postgres wire-protocol messages the embedded server reads or writes itself; everything
// else passes between the client and PGlite untouched.

export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

/** Frontend message types the server looks at. */
export const QUERY = 0x51; // 'Q'
export const SYNC = 0x53; // 'S'
export const TERMINATE = 0x58; // 'X'

const BACKEND_KEY_DATA = 0x4b; // 'K'

/** An ErrorResponse with severity ERROR, the SQLSTATE and the message, as a server sends it. */
export function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C${sqlState}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header[0] = 0x45; // 'E'
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

export function readyForQuery(status: "I" | "T" | "E"): Buffer {
  const message = Buffer.from([0x5a, 0, 0, 0, 5, 0]);
  message[5] = status.charCodeAt(0);
  return message;
}

/** Sync, then `ROLLBACK` as a simple query: ends whatever a departed client left open. */
export function rollbackMessages(): Buffer[] {
  const sql = Buffer.from("ROLLBACK\0", "utf8");
  const query = Buffer.alloc(5 + sql.length);
  query[0] = QUERY;
  query.writeInt32BE(4 + sql.length, 1);
  sql.copy(query, 5);
  return [Buffer.from([SYNC, 0, 0, 0, 4]), query];
}

/**
 * PGlite answers every startup with the same BackendKeyData. The process id stays (it is what
 * `pg_backend_pid()` returns, one backend for all); each connection gets its own secret key, so a
 * CancelRequest names the connection whose statement it should stop.
 */
export function setSecretKey(startupReply: Buffer, secretKey: number): Buffer {
  let offset = 0;
  while (offset + 5 <= startupReply.length) {
    const length = startupReply.readInt32BE(offset + 1);
    if (startupReply[offset] === BACKEND_KEY_DATA && length === 12) {
      startupReply.writeInt32BE(secretKey, offset + 9);
    }
    offset += 1 + length;
  }
  return startupReply;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The statement_timeout a StartupMessage asks for (parameter `statement_timeout`, as pg sends its
 * option, or `-c statement_timeout=…` in `options`), in ms; 0 when none. PGlite ignores startup
 * parameters, so the server applies this one itself.
 */
export function startupStatementTimeoutMs(startup: Buffer): number {
  const fields = startup.subarray(8).toString("utf8").split("\0");
  let value: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === "statement_timeout") value = fields[i + 1];
    if (fields[i] === "options") {
      value = /(?:-c\s*|--)statement_timeout=(\S+)/.exec(fields[i + 1] ?? "")?.[1] ?? value;
    }
  }
  const match = /^(\d+)\s*(ms|s|min|h|d)?$/.exec(value?.trim() ?? "");
  return match ? Number(match[1]) * (UNIT_MS[match[2] ?? "ms"] ?? 1) : 0;
}
