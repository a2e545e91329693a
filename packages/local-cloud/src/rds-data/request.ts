import { fieldReader, type JsonInput } from "../http/aws-json-service.ts";
import { rdsError } from "./errors.ts";

const field = fieldReader("BadRequestException");

/** The members every Data API operation takes to reach a database. */
export interface TargetInput {
  resourceArn: string;
  secretArn: string;
  database?: string | undefined;
}

export type DecimalReturnType = "STRING" | "DOUBLE_OR_LONG";
export type LongReturnType = "LONG" | "STRING";

export interface ResultOptions {
  includeResultMetadata: boolean;
  formatRecordsAs: "NONE" | "JSON";
  decimalReturnType: DecimalReturnType;
  longReturnType: LongReturnType;
}

export interface ExecuteInput extends TargetInput, ResultOptions {
  sql: string;
  /** Raw `parameters` list, validated by `bindParameters`. */
  parameters: unknown[];
  transactionId?: string | undefined;
  continueAfterTimeout: boolean;
}

export interface BatchExecuteInput extends TargetInput {
  sql: string;
  parameterSets: unknown[][];
  transactionId?: string | undefined;
}

export interface TransactionInput {
  resourceArn: string;
  secretArn: string;
  transactionId: string;
}

/** The body must be a JSON object; restJson1 has no other shape for these operations. */
export function asObject(body: unknown): JsonInput {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw rdsError.badRequest("The request body must be a JSON object");
  }
  return body as JsonInput;
}

/** Length constraints of the service model (smithy `@length`), reported the way AWS validation does. */
function bounded(name: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value.length < min || value.length > max) {
    throw rdsError.badRequest(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length between ${min} and ${max}`,
    );
  }
}

function enumMember<T extends string>(input: JsonInput, name: string, allowed: readonly T[], fallback: T): T {
  const value = field.optionalString(input, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw rdsError.badRequest(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
  }
  return value as T;
}

/** `resourceArn`, `secretArn`, `database` (`schema` is accepted and ignored: AWS documents it as unsupported). */
export function readTarget(input: JsonInput): TargetInput {
  const resourceArn = field.string(input, "resourceArn");
  const secretArn = field.string(input, "secretArn");
  const database = field.optionalString(input, "database") || undefined;
  bounded("resourceArn", resourceArn, 11, 100);
  bounded("secretArn", secretArn, 11, 100);
  bounded("database", database, 0, 64);
  bounded("schema", field.optionalString(input, "schema"), 0, 64);
  return { resourceArn, secretArn, database };
}

function readSql(input: JsonInput): string {
  const sql = field.string(input, "sql");
  bounded("sql", sql, 0, 65536);
  return sql;
}

function readTransactionId(input: JsonInput): string | undefined {
  const transactionId = field.optionalString(input, "transactionId") || undefined;
  bounded("transactionId", transactionId, 0, 192);
  return transactionId;
}

function readList(input: JsonInput, name: string): unknown[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw rdsError.badRequest(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must be a list`,
    );
  }
  return value;
}

export function readExecuteInput(input: JsonInput): ExecuteInput {
  const options = input.resultSetOptions;
  const resultSetOptions =
    typeof options === "object" && options !== null && !Array.isArray(options) ? (options as JsonInput) : {};
  return {
    ...readTarget(input),
    sql: readSql(input),
    parameters: readList(input, "parameters"),
    transactionId: readTransactionId(input),
    includeResultMetadata: field.optionalBoolean(input, "includeResultMetadata") ?? false,
    continueAfterTimeout: field.optionalBoolean(input, "continueAfterTimeout") ?? false,
    formatRecordsAs: enumMember(input, "formatRecordsAs", ["NONE", "JSON"] as const, "NONE"),
    decimalReturnType: enumMember(
      resultSetOptions,
      "decimalReturnType",
      ["STRING", "DOUBLE_OR_LONG"] as const,
      "STRING",
    ),
    longReturnType: enumMember(resultSetOptions, "longReturnType", ["LONG", "STRING"] as const, "LONG"),
  };
}

export function readBatchExecuteInput(input: JsonInput): BatchExecuteInput {
  const parameterSets = readList(input, "parameterSets").map((set, index) => {
    if (!Array.isArray(set)) {
      throw rdsError.badRequest(
        `1 validation error detected: Value at 'parameterSets.${index + 1}' failed to satisfy constraint: Member must be a list`,
      );
    }
    return set as unknown[];
  });
  return {
    ...readTarget(input),
    sql: readSql(input),
    parameterSets,
    transactionId: readTransactionId(input),
  };
}

export function readTransactionInput(input: JsonInput): TransactionInput {
  const { resourceArn, secretArn } = readTarget(input);
  const transactionId = field.string(input, "transactionId");
  bounded("transactionId", transactionId, 0, 192);
  return { resourceArn, secretArn, transactionId };
}
