import { exactInteger, type ExactInteger } from "../http/exact-integer.ts";
import { rdsError } from "./errors.ts";
import { arrayDepth, parsePgArray, type ArrayTree } from "./pg-array.ts";
import type { PgType } from "./pg-types.ts";
import type { DecimalReturnType, LongReturnType } from "./request.ts";
import { utcTimestamp } from "./timestamps.ts";

/** `ArrayValue` of the Data API: one typed list per array (null elements allowed: the lists are sparse). */
export type ArrayValue =
  | { stringValues: (string | null)[] }
  | { longValues: (number | null)[] }
  | { doubleValues: (number | null)[] }
  | { booleanValues: (boolean | null)[] }
  | { arrayValues: (ArrayValue | null)[] };

/** `Field` of the Data API: exactly one member is set. */
export type Field =
  | { isNull: true }
  | { stringValue: string }
  | { longValue: number | ExactInteger }
  | { doubleValue: number }
  | { booleanValue: boolean }
  | { blobValue: string }
  | { arrayValue: ArrayValue };

export interface ValueOptions {
  decimalReturnType: DecimalReturnType;
  longReturnType: LongReturnType;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Converts one value, as Postgres text, into the Field the Data API returns for its type:
 * integers → longValue (stringValue with longReturnType STRING), float4/8 → doubleValue,
 * numeric → stringValue (longValue/doubleValue with decimalReturnType DOUBLE_OR_LONG, by scale),
 * bool → booleanValue, bytea → blobValue (base64), timestamptz → UTC without offset,
 * one-dimensional arrays → arrayValue, everything else → stringValue of the Postgres text.
 * Values JSON cannot carry as numbers (NaN, Infinity) come back as stringValue.
 */
export function toField(text: string | null, type: PgType, options: ValueOptions): Field {
  if (text === null) return { isNull: true };
  if (type.element) return { arrayValue: toArrayValue(parseArray(text, type), type.element, options) };
  switch (type.kind) {
    case "long":
      return options.longReturnType === "STRING" ? { stringValue: text } : { longValue: exactInteger(text) };
    case "double":
      return JSON_NUMBER.test(text) ? { doubleValue: Number(text) } : { stringValue: text };
    case "decimal":
      if (options.decimalReturnType === "STRING" || !JSON_NUMBER.test(text)) return { stringValue: text };
      return /[.eE]/.test(text) ? { doubleValue: Number(text) } : { longValue: Number(text) };
    case "bool":
      return { booleanValue: text === "t" };
    case "blob":
      return { blobValue: decodeBytea(text).toString("base64") };
    case "timestamptz":
      return { stringValue: utcTimestamp(text) };
    case "string":
      return { stringValue: text };
  }
}

function parseArray(text: string, type: PgType): ArrayTree {
  const tree = parsePgArray(text, type.delimiter);
  if (arrayDepth(tree) > 1) {
    throw rdsError.unsupportedResult(
      `The result contains a multidimensional array (${type.name}), which the Data API doesn't support.`,
    );
  }
  return tree;
}

function toArrayValue(items: ArrayTree, element: PgType, options: ValueOptions): ArrayValue {
  const texts = items.map((item) => (Array.isArray(item) ? null : item));
  const each = <T>(convert: (text: string) => T) =>
    texts.map((text) => (text === null ? null : convert(text)));
  const numeric = texts.every((text) => text === null || JSON_NUMBER.test(text));
  switch (element.kind) {
    case "long":
      return options.longReturnType === "STRING" ? { stringValues: texts } : { longValues: each(Number) };
    case "double":
      return numeric ? { doubleValues: each(Number) } : { stringValues: texts };
    case "decimal":
      return options.decimalReturnType === "DOUBLE_OR_LONG" && numeric
        ? { doubleValues: each(Number) }
        : { stringValues: texts };
    case "bool":
      return { booleanValues: each((text) => text === "t") };
    case "blob":
      return { stringValues: each((text) => decodeBytea(text).toString("base64")) };
    case "timestamptz":
      return { stringValues: each(utcTimestamp) };
    default:
      return { stringValues: texts };
  }
}

/**
 * The same value as a JSON fragment of `formattedRecords` (AWS's JSON mapping: integers and floats as
 * numbers, decimals as strings unless DOUBLE_OR_LONG, booleans, base64 strings for binary, arrays as
 * arrays, other types as strings). Numbers are written from the Postgres text, so int8 stays exact.
 */
export function toJsonFragment(text: string | null, type: PgType, options: ValueOptions): string {
  if (text === null) return "null";
  if (type.element) {
    const element = type.element;
    const render = (tree: ArrayTree): string =>
      `[${tree.map((item) => (Array.isArray(item) ? render(item) : toJsonFragment(item, element, options))).join(",")}]`;
    return render(parsePgArray(text, type.delimiter));
  }
  switch (type.kind) {
    case "long":
      return options.longReturnType === "STRING" ? JSON.stringify(text) : text;
    case "double":
      return JSON_NUMBER.test(text) ? text : JSON.stringify(text);
    case "decimal":
      return options.decimalReturnType === "DOUBLE_OR_LONG" && JSON_NUMBER.test(text)
        ? text
        : JSON.stringify(text);
    case "bool":
      return text === "t" ? "true" : "false";
    case "blob":
      return JSON.stringify(decodeBytea(text).toString("base64"));
    case "timestamptz":
      return JSON.stringify(utcTimestamp(text));
    case "string":
      return JSON.stringify(text);
  }
}

/** Decodes bytea output in `hex` (`\x00ff`, the default) or `escape` format (`\000` octal escapes). */
export function decodeBytea(text: string): Buffer {
  if (text.startsWith("\\x")) return Buffer.from(text.slice(2), "hex");
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === "\\" && text[i + 1] === "\\") {
      bytes.push(0x5c);
      i += 2;
    } else if (text[i] === "\\") {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      bytes.push(...Buffer.from(text[i] ?? "", "latin1"));
      i++;
    }
  }
  return Buffer.from(bytes);
}
