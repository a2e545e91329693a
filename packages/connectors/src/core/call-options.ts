import type { QueryParam, TableRef } from "./connector.ts";
import { ConnectorError } from "./errors.ts";

/** Checks of the arguments every SQL connector method takes, so bad input fails before any network call. */

/** Longest timeout a caller may ask for: Convex actions run for 10 minutes at most. */
export const MAX_TIMEOUT_MS = 600_000;

/** An integer option within [min, max], or its default when omitted. */
export function integerOption(
  name: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ConnectorError(
      "invalid_input",
      `${name} must be an integer from ${min} to ${max}, got ${describe(value)}.`,
    );
  }
  return value;
}

export function timeoutOption(value: unknown, fallback: number): number {
  return integerOption("timeoutMs", value, 1, MAX_TIMEOUT_MS, fallback);
}

export function tableRefOf(value: unknown): TableRef {
  const ref = value as Partial<TableRef> | null;
  if (
    typeof ref !== "object" ||
    ref === null ||
    typeof ref.schema !== "string" ||
    typeof ref.name !== "string" ||
    !ref.name
  ) {
    throw new ConnectorError("invalid_input", "table must be {schema, name} with non-empty strings.");
  }
  return { schema: ref.schema, name: ref.name };
}

export function allowedTablesOption(value: unknown): TableRef[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw new ConnectorError("invalid_input", "allowedTables must be an array of {schema, name}.");
  return value.map(tableRefOf);
}

export function cursorOption(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length === 0 || value.length > 100_000) {
    throw new ConnectorError("invalid_input", "cursor must be a string returned by a previous page.");
  }
  return value;
}

export function sqlOption(value: unknown): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw new ConnectorError("invalid_input", "sql must be a non-empty string.");
  }
  return value;
}

export function paramsOption(value: unknown): QueryParam[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConnectorError("invalid_input", "params must be an array.");
  value.forEach((param: unknown, i) => {
    const ok =
      param === null ||
      ["string", "boolean"].includes(typeof param) ||
      (typeof param === "number" && Number.isFinite(param));
    if (!ok) {
      throw new ConnectorError(
        "invalid_input",
        `params[${i}] ($${i + 1}) must be a string, finite number, boolean or null, got ${describe(param)}.`,
      );
    }
  });
  return value as QueryParam[];
}

function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/** One budget for all round trips of a call. */
export class Deadline {
  private readonly end: number;
  constructor(timeoutMs: number) {
    this.end = performance.now() + timeoutMs;
  }
  /** Milliseconds left, at least 1 so the executor still times out instead of getting 0 (= none). */
  remaining(): number {
    return Math.max(1, Math.round(this.end - performance.now()));
  }
}
