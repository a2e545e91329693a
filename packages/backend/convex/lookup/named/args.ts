import type { QueryParam } from "@answerbase/connectors";
import { appError } from "../../lib/errors";
import type { FieldProblem, NamedLookupDefinition, NamedLookupParameter } from "./definition";

/*
 * Arguments of a named lookup, from wherever they come (a model's tool call, the dashboard's "try it"
 * form, the offline planner's entities), turned into typed parameter values in `$n` order. Strings
 * are accepted for every type because forms and models send them; every problem names its parameter.
 */

type Coerced = { ok: true; value: QueryParam } | { ok: false; message: string };

const MAX_TEXT_LENGTH = 500;
const INTEGER = /^[+-]?\d{1,19}$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function coerce(type: NamedLookupParameter["type"], raw: unknown): Coerced {
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : null;
  switch (type) {
    case "text":
      if (text === null || text.length === 0) return { ok: false, message: "must be a non-empty text" };
      if (text.length > MAX_TEXT_LENGTH) {
        return { ok: false, message: `must be at most ${MAX_TEXT_LENGTH} characters` };
      }
      return { ok: true, value: text };
    case "integer": {
      if (text === null || !INTEGER.test(text)) return { ok: false, message: "must be a whole number" };
      const value = Number(text);
      // 64-bit keys beyond 2^53 stay exact as text; the server casts them.
      return { ok: true, value: Number.isSafeInteger(value) ? value : text.replace(/^\+/, "") };
    }
    case "number": {
      if (text === null || !DECIMAL.test(text) || !Number.isFinite(Number(text))) {
        return { ok: false, message: "must be a number (e.g. 12.5)" };
      }
      return { ok: true, value: Number(text) };
    }
    case "date":
      if (text === null || !isCalendarDate(text)) {
        return { ok: false, message: "must be a calendar date written YYYY-MM-DD" };
      }
      return { ok: true, value: text };
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const word = text?.toLowerCase() ?? "";
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: "must be true or false" };
    }
  }
}

/**
 * The values of `$1..$n` for `args` (by parameter name), or `invalid_input` with one field per
 * problem: a missing or mistyped parameter, or an argument the lookup does not declare.
 */
export function bindNamedLookupArgs(
  lookup: Pick<NamedLookupDefinition, "name" | "parameters">,
  args: Readonly<Record<string, unknown>>,
): QueryParam[] {
  const problems: FieldProblem[] = [];
  const values = lookup.parameters.map((parameter) => {
    const raw = args[parameter.name];
    if (raw === undefined || raw === null) {
      problems.push({ field: `args.${parameter.name}`, message: `is required (${parameter.description})` });
      return null;
    }
    const coerced = coerce(parameter.type, raw);
    if (!coerced.ok) problems.push({ field: `args.${parameter.name}`, message: coerced.message });
    return coerced.ok ? coerced.value : null;
  });
  const declared = new Set(lookup.parameters.map((p) => p.name));
  for (const name of Object.keys(args)) {
    if (!declared.has(name)) {
      problems.push({ field: `args.${name}`, message: `is not a parameter of ${lookup.name}` });
    }
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field.slice("args.".length)} ${p.message}`).join("; ");
    throw appError("invalid_input", `Arguments of ${lookup.name}: ${list}.`, { fields: problems });
  }
  return values;
}
