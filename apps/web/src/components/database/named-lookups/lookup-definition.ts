import type { api } from "@answerbase/backend/api";
import {
  DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  PARAMETER_DESCRIPTION_MAX,
  SNAKE_CASE,
} from "@answerbase/backend/shared/namedLookups";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { placeholderCount } from "@/lib/sql-placeholders";

/*
 * What the named-lookups editor works with: the stored lookup, the definition `save` takes, and the
 * checks that need no round trip. The backend checks everything again (and the SQL against the live
 * catalog); these only spare a save for the mistakes a person sees while typing.
 */

export type StoredLookup = FunctionReturnType<typeof api.private.namedLookups.list>[number];
export type LookupDefinition = FunctionArgs<typeof api.private.namedLookupActions.save>["definition"];
export type ParameterType = LookupDefinition["parameters"][number]["type"];

/** Field path (as the backend names it: `name`, `parameters.0.name`, `args.order_number`) → message. */
export type FieldErrors = Record<string, string>;

export const PARAMETER_TYPES: { type: ParameterType; label: string; example: string }[] = [
  { type: "text", label: "Text", example: "SKU-789" },
  { type: "integer", label: "Whole number", example: "1001" },
  { type: "number", label: "Number", example: "12.5" },
  { type: "date", label: "Date", example: "2026-11-14" },
  { type: "boolean", label: "True / false", example: "true" },
];

/** The example the empty state shows and offers as a start; it fits the demo database. */
export const EXAMPLE_LOOKUP: LookupDefinition = {
  name: "order_status",
  description: "The status and tracking number of one order, by the order number printed on the receipt.",
  sql: "SELECT order_number, status, tracking_number\nFROM orders\nWHERE order_number = $1",
  parameters: [{ name: "order_number", type: "integer", description: "The order number, e.g. 1001" }],
};

/**
 * A new lookup from a query written elsewhere (the SQL page's "Save as named lookup"): its SQL, and one
 * text parameter row per `$n` for the admin to name and describe.
 */
export function lookupFromSql(sql: string): LookupDefinition {
  return {
    name: "",
    description: "",
    sql,
    parameters: Array.from({ length: placeholderCount(sql) }, () => ({
      name: "",
      type: "text" as const,
      description: "",
    })),
  };
}

export function nameProblem(name: string, what = "name"): string | null {
  if (name.length === 0) return "is required";
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (!SNAKE_CASE.test(name)) {
    return `must be a snake_case ${what}: lower-case letters, digits and single underscores, starting with a letter (e.g. order_status)`;
  }
  return null;
}

/** The problems a definition shows before any save; the SQL is left to the backend's parser. */
export function localProblems(definition: LookupDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string | null) => {
    if (message !== null) errors[field] = message;
  };
  add("name", nameProblem(definition.name));
  const description = definition.description.trim().length;
  if (description < DESCRIPTION_LENGTH.min || description > DESCRIPTION_LENGTH.max) {
    add(
      "description",
      `must say what the lookup answers in ${DESCRIPTION_LENGTH.min} to ${DESCRIPTION_LENGTH.max} characters`,
    );
  }
  const seen = new Set<string>();
  definition.parameters.forEach((parameter, i) => {
    add(
      `parameters.${i}.name`,
      nameProblem(parameter.name, "parameter name") ??
        (seen.has(parameter.name) ? "is used by another parameter" : null),
    );
    seen.add(parameter.name);
    const text = parameter.description.trim().length;
    if (text === 0 || text > PARAMETER_DESCRIPTION_MAX) {
      add(
        `parameters.${i}.description`,
        `must say what to pass, in 1 to ${PARAMETER_DESCRIPTION_MAX} characters`,
      );
    }
  });
  if (definition.sql.trim() === "") add("sql", "is required");
  return errors;
}

/**
 * A field's message as a sentence under the field: the backend's checks say "is required", "must be
 * ...", which read after the field's name; the guard's refusals are whole sentences already.
 */
export function sentence(subject: string, message: string): string {
  const text = /^(is|must|uses|at most) /.test(message)
    ? `${subject} ${message}`
    : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/** Tables a lookup reads, for the list; display only (the backend's parser is the authority). */
export function tablesOf(sql: string): string[] {
  const names = [...sql.matchAll(/\b(?:from|join)\s+("?[A-Za-z_][\w$]*"?(?:\."?[A-Za-z_][\w$]*"?)?)/gi)].map(
    (m) => m[1]!.replaceAll('"', ""),
  );
  return [...new Set(names)];
}
