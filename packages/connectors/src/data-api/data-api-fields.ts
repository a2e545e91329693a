import type { ColumnType, QueryParam } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import { arrayElementTypeOf, normalizeText, summarizeBytes, type JsonValue } from "../core/values.ts";

/**
 * A result value as both Data APIs return it (the RDS `Field` and the Redshift `Field` share these
 * members; only RDS has `arrayValue`). Written structurally so neither SDK's types leak here.
 */
export interface DataApiField {
  isNull?: boolean | undefined;
  stringValue?: string | undefined;
  longValue?: number | undefined;
  doubleValue?: number | undefined;
  booleanValue?: boolean | undefined;
  blobValue?: Uint8Array | undefined;
  arrayValue?: DataApiArray | undefined;
}

export interface DataApiArray {
  stringValues?: (string | null)[] | undefined;
  longValues?: (number | null)[] | undefined;
  doubleValues?: (number | null)[] | undefined;
  booleanValues?: (boolean | null)[] | undefined;
  arrayValues?: (DataApiArray | null)[] | undefined;
}

/**
 * Normalizes one Data API value to the same JSON value `pg` text + values.ts give for the column:
 * strings go through `normalizeText` (so timestamptz, json, numerics, arrays as text behave exactly
 * like the Postgres connectors), numbers keep the family's representation (int8 as a string), binary
 * is summarized, RDS arrays are mapped element by element.
 */
export function normalizeField(field: DataApiField, type: ColumnType, nativeType: string): JsonValue {
  if (field.isNull) return null;
  if (field.stringValue !== undefined) return normalizeText(field.stringValue, type, nativeType);
  if (field.longValue !== undefined) return normalizeNumber(field.longValue, type);
  if (field.doubleValue !== undefined) return normalizeNumber(field.doubleValue, type);
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return summarizeBlob(field.blobValue);
  if (field.arrayValue !== undefined) return normalizeArray(field.arrayValue, arrayElementTypeOf(nativeType));
  return null;
}

/** A number the Data API sent as JSON: exact families (int8, numeric) become strings, like their text form. */
function normalizeNumber(value: number | string, type: ColumnType): JsonValue {
  if (typeof value === "string") return normalizeText(value, type);
  // NaN and ±Infinity are not JSON numbers: Postgres's text for them, as normalizeText gives.
  if (!Number.isFinite(value)) return String(value);
  if (type === "bigint" || type === "decimal" || type === "text" || type === "other") return String(value);
  return value;
}

function normalizeArray(array: DataApiArray, elementType: ColumnType): JsonValue[] {
  if (array.arrayValues)
    return array.arrayValues.map((item) => (item === null ? null : normalizeArray(item, elementType)));
  if (array.stringValues) return array.stringValues.map((item) => normalizeText(item, elementType));
  if (array.longValues)
    return array.longValues.map((item) => (item === null ? null : normalizeNumber(item, elementType)));
  if (array.doubleValues)
    return array.doubleValues.map((item) => (item === null ? null : normalizeNumber(item, elementType)));
  if (array.booleanValues) return array.booleanValues.map((item) => item);
  return [];
}

function summarizeBlob(bytes: Uint8Array): JsonValue {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return summarizeBytes(btoa(binary), "base64");
}

/** An RDS Data API parameter Field for a query parameter (strings are sent as varchar by the Data API). */
export function toRdsField(value: QueryParam): DataApiField {
  if (value === null) return { isNull: true };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { booleanValue: value };
  if (Number.isSafeInteger(value)) return { longValue: value };
  if (Number.isFinite(value)) return { doubleValue: value };
  throw new ConnectorError(
    "invalid_input",
    `A query parameter must be a finite number, got ${String(value)}.`,
  );
}
