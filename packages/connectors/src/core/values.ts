import type { ColumnType } from "./connector.ts";

/**
 * Every connector normalizes values the same way, starting from the engine's text form (Postgres text,
 * or the Data APIs' stringValue): 64-bit integers and numerics stay exact as strings, timestamps become
 * ISO-8601, json becomes objects, arrays become arrays, bytea is summarized. No driver import here, so
 * this runs in Convex's default runtime too.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What a bytea value becomes: its size and the first bytes, never the whole blob. */
export interface BytesSummary {
  [key: string]: JsonValue;
  type: "bytes";
  length: number;
  /** Hex of the first 32 bytes. */
  hexPrefix: string;
}

const BYTES_PREVIEW = 32;

const TYPE_BY_NAME: Record<string, ColumnType> = {
  bool: "boolean",
  boolean: "boolean",
  int2: "integer",
  int4: "integer",
  smallint: "integer",
  integer: "integer",
  int: "integer",
  oid: "integer",
  int8: "bigint",
  bigint: "bigint",
  numeric: "decimal",
  decimal: "decimal",
  money: "decimal",
  float4: "float",
  float8: "float",
  real: "float",
  "double precision": "float",
  text: "text",
  varchar: "text",
  "character varying": "text",
  bpchar: "text",
  character: "text",
  char: "text",
  name: "text",
  citext: "text",
  uuid: "uuid",
  date: "date",
  time: "time",
  timetz: "time",
  "time without time zone": "time",
  "time with time zone": "time",
  timestamp: "timestamp",
  "timestamp without time zone": "timestamp",
  timestamptz: "timestamptz",
  "timestamp with time zone": "timestamptz",
  interval: "interval",
  json: "json",
  jsonb: "json",
  super: "json",
  bytea: "bytea",
  varbyte: "bytea",
};

/**
 * Maps a catalog type name (`int8`, `_text`, `character varying(20)`, `numeric(12,2)`, `integer[]`,
 * Redshift's `super`) to its portable family. Arrays are `_elem` (pg_type) or `elem[]` (format_type).
 */
export function columnTypeOf(nativeType: string): ColumnType {
  const name = nativeType.toLowerCase().trim();
  if (name.startsWith("_") || name.endsWith("[]")) return "array";
  const base = name
    .replace(/\(.*\)/, "")
    .replace(/^"|"$/g, "")
    .trim();
  return TYPE_BY_NAME[base] ?? "other";
}

/** The element family of an array type name, or "other". */
export function arrayElementTypeOf(nativeType: string): ColumnType {
  const name = nativeType.trim();
  if (name.startsWith("_")) return columnTypeOf(name.slice(1));
  if (name.endsWith("[]")) return columnTypeOf(name.replace(/(\[\])+$/, ""));
  return "other";
}

/** Normalizes one value given as the engine's text form. `nativeType` is needed for arrays only. */
export function normalizeText(text: string | null, type: ColumnType, nativeType = ""): JsonValue {
  if (text === null) return null;
  switch (type) {
    case "boolean":
      return text === "t" || text === "true" || text === "1";
    case "integer":
      return Number(text);
    case "float": {
      const value = Number(text);
      return Number.isFinite(value) ? value : text; // NaN / Infinity are not JSON numbers
    }
    case "timestamptz":
      return toIsoTimestamp(text, true);
    case "timestamp":
      return toIsoTimestamp(text, false);
    case "json":
      return JSON.parse(text) as JsonValue;
    case "bytea":
      return summarizeBytes(text);
    case "array":
      return normalizeArray(parsePgArray(text), arrayElementTypeOf(nativeType));
    default:
      return text; // bigint, decimal, text, uuid, date, time, interval, other: exact text
  }
}

function normalizeArray(values: PgArray, elementType: ColumnType): JsonValue[] {
  return values.map((v) =>
    Array.isArray(v) ? normalizeArray(v, elementType) : normalizeText(v, elementType),
  );
}

/**
 * `2026-11-20 10:00:00.123456+01` → `2026-11-20T09:00:00.123456Z` (with zone) and
 * `2026-11-20 10:00:00` → `2026-11-20T10:00:00` (without). Fractional digits are kept as sent. A
 * timestamptz without an offset (the RDS Data API sends UTC that way) is read as UTC. `infinity` and
 * BC dates are returned unchanged.
 */
export function toIsoTimestamp(text: string, withZone: boolean): string {
  const match =
    /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)?$/.exec(
      text.trim(),
    );
  if (!match) return text;
  const [, y, mo, d, h, mi, s, fraction = "", sign, oh, om = "0", os = "0"] = match;
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (!withZone) return `${local}${fraction}`;
  if (!sign) return `${local}${fraction}Z`;
  const offsetSeconds = (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  const utc = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetSeconds * 1000,
  );
  return `${utc.toISOString().slice(0, 19)}${fraction}Z`;
}

/**
 * Postgres bytea text (`\x0a0b…`) or base64 (the Data APIs' blobValue) → summary. Written without
 * Buffer so it also runs in Convex's default (non-Node) runtime.
 */
export function summarizeBytes(text: string, encoding: "pg-hex" | "base64" = "pg-hex"): BytesSummary {
  if (encoding === "pg-hex" && text.startsWith("\\x")) {
    const hex = text.slice(2).toLowerCase();
    return { type: "bytes", length: hex.length / 2, hexPrefix: hex.slice(0, BYTES_PREVIEW * 2) };
  }
  // base64, or the legacy escape format read as latin-1: close enough for a summary
  const binary = encoding === "base64" ? atob(text) : text;
  let hexPrefix = "";
  for (let i = 0; i < Math.min(binary.length, BYTES_PREVIEW); i++) {
    hexPrefix += binary.charCodeAt(i).toString(16).padStart(2, "0");
  }
  return { type: "bytes", length: binary.length, hexPrefix };
}

export type PgArray = (string | null | PgArray)[];

/** Parses a Postgres array literal (`{1,2}`, `{"a b",NULL}`, `{{1,2},{3,4}}`) into nested string arrays. */
export function parsePgArray(literal: string): PgArray {
  let i = literal.startsWith("[") ? literal.indexOf("=") + 1 : 0; // skip dimension decoration [1:2]=
  const parse = (): PgArray => {
    const out: PgArray = [];
    i++; // {
    while (i < literal.length && literal[i] !== "}") {
      if (literal[i] === "{") out.push(parse());
      else if (literal[i] === '"') {
        let value = "";
        i++;
        while (i < literal.length && literal[i] !== '"') {
          if (literal[i] === "\\") i++;
          value += literal[i] ?? "";
          i++;
        }
        i++;
        out.push(value);
      } else {
        let end = i;
        while (end < literal.length && literal[end] !== "," && literal[end] !== "}") end++;
        const raw = literal.slice(i, end).trim();
        out.push(raw.toUpperCase() === "NULL" ? null : raw);
        i = end;
      }
      if (literal[i] === ",") i++;
    }
    i++; // }
    return out;
  };
  return parse();
}
