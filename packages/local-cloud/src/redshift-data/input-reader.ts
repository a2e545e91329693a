import type { JsonInput } from "../http/aws-json-service.ts";
import { serializationError, validationError } from "./errors.ts";

/*
 * Two layers reject bad input on AWS: the JSON front end (a member of the wrong JSON type is a
 * SerializationException) and the model's constraints (missing required members, lengths, ranges:
 * ValidationException in the "1 validation error detected" wording).
 */

const constraint = (field: string, value: unknown, rule: string) =>
  validationError(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`,
  );

const wrongType = (field: string, expected: string) =>
  serializationError(`Unable to read '${field}': expected ${expected}`);

/** A required string; `minLength` 1 unless given. */
export function requiredString(input: JsonInput, field: string, maxLength = Number.MAX_SAFE_INTEGER): string {
  const value = optionalString(input, field, maxLength);
  if (value === undefined) {
    throw validationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** An optional string: null counts as absent, "" violates the usual minimum length of 1. */
export function optionalString(
  input: JsonInput,
  field: string,
  maxLength = Number.MAX_SAFE_INTEGER,
): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw wrongType(field, "a string");
  if (value.length < 1) throw constraint(field, value, "Member must have length greater than or equal to 1");
  if (value.length > maxLength) {
    throw constraint(
      field,
      `${value.slice(0, 40)}...`,
      `Member must have length less than or equal to ${maxLength}`,
    );
  }
  return value;
}

export function optionalInteger(
  input: JsonInput,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(field, "an integer");
  if (value < min) throw constraint(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBoolean(input: JsonInput, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw wrongType(field, "a boolean");
  return value;
}

/** One of the model's enum values. */
export function optionalEnum<T extends string>(
  input: JsonInput,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(input, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw constraint(field, value, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

/** A list of strings (BatchExecuteStatement's `Sqls`). */
export function requiredStringList(input: JsonInput, field: string, min: number, max: number): string[] {
  const value = input[field];
  if (value === undefined || value === null) {
    throw validationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (!Array.isArray(value)) throw wrongType(field, "a list");
  value.forEach((item, index) => {
    if (typeof item !== "string") throw wrongType(`${field}.${index + 1}.member`, "a string");
  });
  if (value.length < min)
    throw constraint(
      field,
      `[${value.join(", ")}]`,
      `Member must have length greater than or equal to ${min}`,
    );
  if (value.length > max)
    throw constraint(field, "[...]", `Member must have length less than or equal to ${max}`);
  return value as string[];
}

export interface SqlParameter {
  name: string;
  value: string;
}

const PARAMETER_NAME = /^[0-9a-zA-Z_]+$/;

/** `Parameters: [{name, value}]` with the model's constraints (at least one item, names `[0-9a-zA-Z_]+`). */
export function optionalParameters(input: JsonInput, field = "Parameters"): SqlParameter[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(field, "a list");
  if (value.length < 1) throw constraint(field, "[]", "Member must have length greater than or equal to 1");
  return value.map((item: unknown, index) => {
    const path = `${field}.${index + 1}.member`;
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw wrongType(path, "a structure");
    const entry = item as JsonInput;
    const name = requiredString(entry, "name");
    const parameterValue = requiredString(entry, "value");
    if (!PARAMETER_NAME.test(name)) {
      throw constraint(
        `${path}.name`,
        name,
        "Member must satisfy regular expression pattern: ^[0-9a-zA-Z_]+$",
      );
    }
    return { name, value: parameterValue };
  });
}
