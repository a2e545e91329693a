import type { FieldDef } from "pg";
import { validationError } from "./errors.ts";
import { toField, valueBytes, type ColumnMetadata, type Field } from "./result-fields.ts";
import type { QueryResult } from "./statement-store.ts";

/** Converts a finished query's rows once; pages are cut from the result later. */
export function buildResult(
  fields: FieldDef[],
  rows: (string | null)[][],
  columns: ColumnMetadata[],
): QueryResult {
  const records = rows.map((row) =>
    row.map((value, index) => toField(value, fields[index]?.dataTypeID ?? 0)),
  );
  return {
    columns,
    records,
    recordBytes: records.map((record) => Buffer.byteLength(JSON.stringify(record))),
  };
}

/** Bytes of the result as the service counts them (the values' text), for ResultSize. */
export function resultSize(rows: (string | null)[][]): number {
  return rows.reduce((total, row) => total + rowBytes(row), 0);
}

export function rowBytes(row: (string | null)[]): number {
  return row.reduce((total, value) => total + valueBytes(value), 0);
}

/** The first row over the Data API's per-row limit, as the statement's error; undefined when all fit. */
export function oversizedRowError(rows: (string | null)[][], maxRowBytes: number): string | undefined {
  const index = rows.findIndex((row) => rowBytes(row) > maxRowBytes);
  if (index === -1) return undefined;
  const size = rowBytes(rows[index] ?? []);
  return `ERROR: Row ${index + 1} of the result is ${size} bytes, which exceeds the Data API limit of ${maxRowBytes} bytes per row.`;
}

/** Rows `[offset, end)` of a result whose serialized size stays within `pageMaxBytes` (at least one row). */
export function pageBounds(
  result: QueryResult,
  offset: number,
  pageMaxBytes: number,
): { end: number; more: boolean } {
  let end = offset;
  let bytes = 0;
  while (end < result.records.length) {
    const size = result.recordBytes[end] ?? 0;
    if (end > offset && bytes + size > pageMaxBytes) break;
    bytes += size;
    end++;
  }
  return { end, more: end < result.records.length };
}

/** Opaque NextToken naming the query and the next row; tokens of other queries are rejected. */
export function encodeNextToken(queryId: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: queryId, o: offset })).toString("base64url");
}

export function decodeNextToken(token: string | undefined, queryId: string, rowCount: number): number {
  if (token === undefined) return 0;
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      q?: unknown;
      o?: unknown;
    };
    if (
      decoded.q === queryId &&
      Number.isInteger(decoded.o) &&
      (decoded.o as number) >= 0 &&
      (decoded.o as number) <= rowCount
    ) {
      return decoded.o as number;
    }
  } catch {
    // Falls through to the service's error below.
  }
  throw validationError("Invalid NextToken.");
}

/** RFC 4180 CSV of some records; the first page starts with the header line. */
export function csvRecords(result: QueryResult, start: number, end: number): string {
  const lines: string[] = [];
  if (start === 0) lines.push(result.columns.map((column) => csvValue(column.name)).join(","));
  for (const record of result.records.slice(start, end))
    lines.push(record.map((field) => csvValue(fieldText(field))).join(","));
  return lines.map((line) => `${line}\n`).join("");
}

function fieldText(field: Field): string | null {
  if ("isNull" in field) return null;
  if ("stringValue" in field) return field.stringValue;
  if ("longValue" in field)
    return typeof field.longValue === "number" ? String(field.longValue) : field.longValue.digits;
  if ("doubleValue" in field) return String(field.doubleValue);
  if ("booleanValue" in field) return String(field.booleanValue);
  return field.blobValue;
}

function csvValue(text: string | null): string {
  if (text === null) return "";
  return /[",\r\n]/.test(text) || text === "" ? `"${text.replace(/"/g, '""')}"` : text;
}
