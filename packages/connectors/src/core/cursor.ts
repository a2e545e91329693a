import { ConnectorError } from "./errors.ts";
import type { JsonValue } from "./values.ts";

/**
 * Opaque keyset cursors: base64url of `{v, t, k, a}` (version, table, key columns, last key values).
 * Checked on the way back so a cursor from another table or an edited one is refused, not run.
 */
interface CursorPayload {
  v: 1;
  /** `schema.table` */
  t: string;
  k: string[];
  a: JsonValue[];
}

export function encodeCursor(table: string, keys: string[], after: JsonValue[]): string {
  const payload: CursorPayload = { v: 1, t: table, k: keys, a: after };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The last key values of a cursor, after checking it belongs to `table` ordered by `keys`. */
export function decodeCursor(cursor: string, table: string, keys: string[]): JsonValue[] {
  let payload: CursorPayload;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    payload = JSON.parse(new TextDecoder().decode(bytes)) as CursorPayload;
  } catch (error) {
    throw new ConnectorError("invalid_input", "The cursor is not one this connector issued.", {
      cause: error,
    });
  }
  const valid =
    payload?.v === 1 &&
    payload.t === table &&
    Array.isArray(payload.k) &&
    payload.k.join("\u0000") === keys.join("\u0000") &&
    Array.isArray(payload.a) &&
    payload.a.length === keys.length;
  if (!valid)
    throw new ConnectorError(
      "invalid_input",
      `The cursor does not belong to ${table} (or the table's key changed).`,
    );
  return payload.a;
}
