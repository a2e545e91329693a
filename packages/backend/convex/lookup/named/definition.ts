import type { Infer } from "convex/values";
import type { vNamedLookupDefinition, vNamedLookupParameter } from "../../dataSources/tables";
import { isAppError } from "../../lib/errors";
import { textProblem, type FieldProblem } from "../../lib/textRules";
import { tokenize } from "../sqlTokens";
import {
  DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PARAMETERS,
  MAX_SQL_LENGTH,
  PARAMETER_DESCRIPTION_MAX,
  SNAKE_CASE,
} from "../../shared/namedLookups";

/*
 * The checks on a named lookup that need no database: names, lengths, and the placeholders against
 * the declared parameters. `save` runs these first, then the SQL through the connector's guard.
 */

export type NamedLookupParameter = Infer<typeof vNamedLookupParameter>;
export type NamedLookupDefinition = Infer<typeof vNamedLookupDefinition>;

export type { FieldProblem } from "../../lib/textRules";

function nameProblem(name: string, what: string): string | null {
  if (name.length === 0) return "is required";
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (!SNAKE_CASE.test(name)) {
    return `must be a snake_case ${what}: lower-case letters, digits and single underscores, starting with a letter (e.g. order_status)`;
  }
  return null;
}

/** `$n` indices the SQL uses, or a problem with the SQL's text itself. */
function placeholdersOf(sql: string): { indices: Set<number> } | { problem: string } {
  try {
    const indices = new Set<number>();
    for (const token of tokenize(sql)) if (token.kind === "parameter") indices.add(token.index);
    return { indices };
  } catch (error) {
    if (isAppError(error)) return { problem: error.data.message };
    throw error;
  }
}

function placeholderProblem(sql: string, count: number): string | null {
  const found = placeholdersOf(sql);
  if ("problem" in found) return found.problem;
  const used = [...found.indices].sort((a, b) => a - b);
  const highest = used.at(-1) ?? 0;
  const missing = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !found.indices.has(n));
  if (missing.length > 0) {
    return `uses $${highest} but not ${missing.map((n) => `$${n}`).join(", ")}: number the placeholders $1..$n without gaps`;
  }
  if (highest !== count) {
    const uses = highest === 0 ? "uses no placeholder" : `uses ${highest} placeholder(s) ($1..$${highest})`;
    return `${uses} but ${count} parameter(s) are declared: each parameter binds the placeholder of its position`;
  }
  return null;
}

/** Every problem of the definition, one per field (empty when it may go on to the live check). */
export function definitionProblems(definition: NamedLookupDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string | null) => {
    if (message !== null) problems.push({ field, message });
  };
  add("name", nameProblem(definition.name, "name"));
  const description = definition.description.trim();
  add(
    "description",
    description.length < DESCRIPTION_LENGTH.min || description.length > DESCRIPTION_LENGTH.max
      ? `must say what the lookup answers in ${DESCRIPTION_LENGTH.min} to ${DESCRIPTION_LENGTH.max} characters`
      : textProblem(description, "multiline"),
  );
  if (definition.parameters.length > MAX_PARAMETERS) {
    add("parameters", `at most ${MAX_PARAMETERS} parameters`);
  }
  const seen = new Set<string>();
  definition.parameters.forEach((parameter, i) => {
    const nameIssue = nameProblem(parameter.name, "parameter name");
    add(
      `parameters.${i}.name`,
      nameIssue ?? (seen.has(parameter.name) ? "is used by another parameter" : null),
    );
    seen.add(parameter.name);
    const text = parameter.description.trim();
    add(
      `parameters.${i}.description`,
      text.length === 0 || text.length > PARAMETER_DESCRIPTION_MAX
        ? `must say what to pass, in 1 to ${PARAMETER_DESCRIPTION_MAX} characters`
        : textProblem(text, "multiline"),
    );
  });
  if (definition.sql.trim().length === 0) add("sql", "is required");
  else if (definition.sql.length > MAX_SQL_LENGTH) add("sql", `must be at most ${MAX_SQL_LENGTH} characters`);
  else add("sql", placeholderProblem(definition.sql, definition.parameters.length));
  return problems;
}
