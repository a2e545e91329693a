import type { ColumnInfo, JsonValue, Row, TableInfo } from "@answerbase/connectors";
import { appError } from "../lib/errors";
import { quoteIdentifier } from "../access/rowScopes";
import { tableKey } from "../access/viewer";
import { typedParam, type ParamList } from "./conditions";

/*
 * Stable pages of a lookup: ordered by the primary key and continued by keyset (a cursor holding the
 * last row's key), or, for a table or view without one, ordered by every orderable column and
 * continued by offset. Cursors are opaque to callers and bound to their table.
 */

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

export interface PageOrder {
  columns: ColumnInfo[];
  /** True when `columns` is the primary key, so a keyset cursor identifies a position. */
  keyset: boolean;
}

type CursorBody = { t: string; k: string[] } | { t: string; o: number };

const UNORDERABLE = new Set<ColumnInfo["type"]>(["json", "bytea", "array", "other"]);

export function pageOrder(table: TableInfo): PageOrder {
  const key = table.primaryKey.map((name) => table.columns.find((c) => c.name === name));
  if (key.length > 0 && key.every((c) => c !== undefined)) return { columns: key, keyset: true };
  return { columns: table.columns.filter((c) => !UNORDERABLE.has(c.type)), keyset: false };
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw appError("invalid_input", `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return Math.min(limit, MAX_LIMIT);
}

// btoa/atob rather than Buffer: Convex's default runtime has no Buffer.
export function encodeCursor(body: CursorBody): string {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function invalidCursor() {
  return appError("invalid_input", "This cursor does not belong to this lookup; start again without it.");
}

/** The position a cursor points at: after a key (keyset) or an offset. */
export function decodeCursor(
  cursor: string,
  table: TableInfo,
  order: PageOrder,
): { after: string[] } | { offset: number } {
  if (cursor.length > 2000) throw invalidCursor();
  let body: unknown;
  try {
    body = JSON.parse(decodeBase64Url(cursor));
  } catch (cause) {
    throw appError("invalid_input", `This cursor is not readable (${String(cause)}).`);
  }
  if (typeof body !== "object" || body === null || (body as CursorBody).t !== tableKey(table)) {
    throw invalidCursor();
  }
  if (order.keyset && "k" in body) {
    const { k } = body;
    const strings = Array.isArray(k) ? k.filter((v): v is string => typeof v === "string") : [];
    if (Array.isArray(k) && strings.length === k.length && k.length === order.columns.length)
      return { after: strings };
  }
  if (!order.keyset && "o" in body) {
    const { o } = body;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0 && o <= MAX_OFFSET) return { offset: o };
  }
  throw invalidCursor();
}

/** `(a > $1) OR (a = $1 AND b > $2)`: rows after `after` in key order (portable, no row comparison). */
export function afterKeySql(order: PageOrder, alias: string, after: string[], params: ParamList): string {
  const refs = order.columns.map((c) => `${alias}.${quoteIdentifier(c.name)}`);
  const values = order.columns.map((column, i) => typedParam(column, after[i] ?? "", params));
  const branches = refs.map((ref, i) => {
    const equal = refs.slice(0, i).map((prefix, j) => `${prefix} = ${values[j]}`);
    return `(${[...equal, `${ref} > ${values[i]}`].join(" AND ")})`;
  });
  return `(${branches.join(" OR ")})`;
}

function keyText(value: JsonValue | undefined): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The cursor of the page after `rows` (which ended at `rows.at(-1)`), or null when nothing follows. */
export function nextCursorAfter(
  table: TableInfo,
  order: PageOrder,
  lastRow: Row | undefined,
  offset: number,
  pageSize: number,
): string | null {
  if (lastRow === undefined) return null;
  if (!order.keyset) {
    const next = offset + pageSize;
    return next > MAX_OFFSET ? null : encodeCursor({ t: tableKey(table), o: next });
  }
  const key = order.columns.map((c) => keyText(lastRow[c.name]));
  if (key.some((v) => v === null)) return null;
  return encodeCursor({ t: tableKey(table), k: key as string[] });
}
