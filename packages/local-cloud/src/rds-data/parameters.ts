import { findNamedPlaceholders, toPositionalParameters } from "../sql/sql-lexer.ts";
import { rdsError } from "./errors.ts";
import { integerText, numberValue } from "./request-json.ts";

/** A parameter ready for `pg`: its wire value and the SQL type the Data API would send it as. */
interface ParameterValue {
  value: string | Buffer | null;
  cast: string | undefined;
}

/** A statement with `:name` placeholders rewritten to `$n`, and the values in that order. */
export interface BoundStatement {
  text: string;
  values: (string | Buffer | null)[];
  /** Maps a 1-based position in `text` (a Postgres error's Position) back to the caller's SQL. */
  originalPosition(position: number): number;
}

/** typeHint → the Postgres type the string is sent as. */
const TYPE_HINT_CASTS: Record<string, string> = {
  DATE: "date",
  DECIMAL: "numeric",
  JSON: "json",
  TIME: "time",
  TIMESTAMP: "timestamp",
  UUID: "uuid",
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Binds `parameters` to the `:name` placeholders of `sql`. Like the real service (which goes through
 * a JDBC driver), each value is sent with the SQL type of its Field member: stringValue as varchar
 * (so a uuid, jsonb or enum column needs a typeHint or an explicit cast, exactly as on AWS),
 * longValue as int8, doubleValue as float8, booleanValue as bool, blobValue as bytea, isNull untyped.
 * A placeholder without a parameter, or a parameter no placeholder uses, is a BadRequestException.
 */
export function bindParameters(sql: string, parameters: unknown[], path = "parameters"): BoundStatement {
  const byName = new Map<string, ParameterValue>();
  parameters.forEach((parameter, index) => {
    const { name, value } = readParameter(parameter, `${path}.${index + 1}`);
    byName.set(name, value);
  });
  const used = new Set(findNamedPlaceholders(sql).map((placeholder) => placeholder.name));
  for (const name of used) {
    if (!byName.has(name)) throw rdsError.badRequest(`No value specified for parameter: ${name}`);
  }
  for (const name of byName.keys()) {
    if (!used.has(name)) throw rdsError.badRequest(`The parameter ${name} is not used in the SQL statement`);
  }
  const casts = new Map<string, string>();
  for (const [name, parameter] of byName) if (parameter.cast) casts.set(name, parameter.cast);
  const { text, names } = toPositionalParameters(sql, casts);
  return {
    text,
    values: names.map((name) => byName.get(name)?.value ?? null),
    originalPosition: positionMapper(sql, names, casts),
  };
}

/** Replays the rewrite placeholder by placeholder to translate positions in the rewritten text. */
function positionMapper(
  sql: string,
  names: string[],
  casts: Map<string, string>,
): (position: number) => number {
  const shifts = findNamedPlaceholders(sql).map((placeholder) => {
    const cast = casts.get(placeholder.name);
    const replacement = `$${names.indexOf(placeholder.name) + 1}${cast ? `::${cast}` : ""}`;
    return {
      start: placeholder.start,
      originalLength: placeholder.end - placeholder.start,
      length: replacement.length,
    };
  });
  return (position) => {
    let delta = 0;
    for (const shift of shifts) {
      const rewrittenStart = shift.start + delta;
      if (position - 1 < rewrittenStart) break;
      if (position - 1 < rewrittenStart + shift.length) return shift.start + 1;
      delta += shift.length - shift.originalLength;
    }
    return position - delta;
  };
}

function readParameter(raw: unknown, path: string): { name: string; value: ParameterValue } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw rdsError.badRequest(
      `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must be a structure`,
    );
  }
  const parameter = raw as Record<string, unknown>;
  const name = parameter.name;
  if (typeof name !== "string" || name === "")
    throw rdsError.badRequest(`Parameter name is missing at '${path}'`);
  const typeHint = parameter.typeHint;
  if (
    typeHint !== undefined &&
    typeHint !== null &&
    (typeof typeHint !== "string" || !(typeHint in TYPE_HINT_CASTS))
  ) {
    throw rdsError.badRequest(
      `1 validation error detected: Value '${typeof typeHint === "string" ? typeHint : JSON.stringify(typeHint)}' at '${path}.typeHint' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(TYPE_HINT_CASTS).join(", ")}]`,
    );
  }
  const hintCast = typeof typeHint === "string" ? TYPE_HINT_CASTS[typeHint] : undefined;
  return { name, value: readField(parameter.value, name, hintCast) };
}

function readField(raw: unknown, name: string, hintCast: string | undefined): ParameterValue {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw rdsError.badRequest(`The parameter ${name} has no value`);
  }
  const members = Object.entries(raw as Record<string, unknown>).filter(
    ([, value]) => value !== undefined && value !== null,
  );
  const [member] = members;
  if (!member || members.length > 1) {
    throw rdsError.badRequest(`The value of parameter ${name} must set exactly one member of Field`);
  }
  const [kind, value] = member;
  const invalid = () => rdsError.badRequest(`Invalid ${kind} for parameter ${name}`);
  switch (kind) {
    case "isNull":
      if (value !== true) throw invalid();
      return { value: null, cast: hintCast };
    case "stringValue":
      if (typeof value !== "string") throw invalid();
      return { value, cast: hintCast ?? "varchar" };
    case "longValue": {
      const digits = integerText(value);
      if (digits === undefined || BigInt(digits) < INT64_MIN || BigInt(digits) > INT64_MAX) throw invalid();
      return { value: digits, cast: "int8" };
    }
    case "doubleValue": {
      const number = numberValue(value);
      if (number === undefined || !Number.isFinite(number)) throw invalid();
      return { value: String(number), cast: "float8" };
    }
    case "booleanValue":
      if (typeof value !== "boolean") throw invalid();
      return { value: String(value), cast: "bool" };
    case "blobValue":
      if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalid();
      return { value: Buffer.from(value, "base64"), cast: "bytea" };
    case "arrayValue":
      throw rdsError.badRequest("Array parameters are not supported.");
    default:
      throw rdsError.badRequest(`Unknown Field member ${kind} for parameter ${name}`);
  }
}
