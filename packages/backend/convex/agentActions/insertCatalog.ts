import type { ColumnType, TableInfo } from "@answerbase/connectors";
import { findTable, policyOf, type PolicyMap } from "../access/viewer";
import { appError } from "../lib/errors";
import { modelSchemaOf } from "./definition";
import type { ActionDefinitionInput, ContextInput, InsertTarget } from "./tables";

/*
 * The save-time check of a `db_insert` action and of owner-path identity inputs against the
 * organization's live catalog (read through the lookup credential: names only, no rows). The table and
 * its columns are the ones the catalog spells, the primary key becomes `RETURNING`, and every column
 * gets an input whose type fits. The model can choose neither: they are saved here and the tool only
 * carries model inputs. What this cannot see: column defaults and CHECK constraints (the database
 * refuses a row that breaks them, and the run reports it).
 */

type Problem = { field: string; message: string };
type InputType = "string" | "number" | "integer" | "boolean";

const WRITABLE_KINDS = new Set<TableInfo["kind"]>(["table", "partitioned_table"]);

/** The column families an input of each type may fill (Postgres casts the bound text to the column). */
const FITS: Record<InputType, ReadonlySet<ColumnType>> = {
  string: new Set([
    "text",
    "uuid",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "interval",
    "decimal",
    // 64-bit keys travel as strings (connectors' values.ts), e.g. customers.id from an owner-path input.
    "bigint",
    "json",
    "other",
  ]),
  number: new Set(["decimal", "float"]),
  integer: new Set(["integer", "bigint", "decimal", "float"]),
  boolean: new Set(["boolean"]),
};

/** Each input's type: the model schema's, and `string` for the server-filled ones. */
function inputTypes(definition: ActionDefinitionInput): Map<string, InputType> {
  const types = new Map<string, InputType>();
  const schema = modelSchemaOf(definition.modelInputSchema);
  if (!("problem" in schema)) {
    const properties = (JSON.parse(definition.modelInputSchema) as { properties?: object }).properties ?? {};
    for (const [name, property] of Object.entries(properties))
      types.set(name, (property as { type: InputType }).type);
  }
  for (const context of definition.contextInputs) types.set(context.name, "string");
  return types;
}

/** Problems of owner-path inputs: the table must be a customer table and the column one it shows. */
export function ownerInputProblems(
  contextInputs: readonly ContextInput[],
  policies: PolicyMap,
  catalog: readonly TableInfo[] | null,
): Problem[] {
  const problems: Problem[] = [];
  for (const input of contextInputs) {
    if (input.from !== "customer.column") continue;
    const ref = { schema: input.schema, name: input.table };
    const policy = policyOf(policies, ref);
    const label = `${input.schema}.${input.table}`;
    if (policy.kind !== "customer") {
      problems.push({
        field: "contextInputs",
        message: `Input "${input.name}": ${label} has no customer policy, so no row of it belongs to a verified customer.`,
      });
      continue;
    }
    if (policy.hiddenColumns?.includes(input.column))
      problems.push({
        field: "contextInputs",
        message: `Input "${input.name}": ${label}.${input.column} is a hidden column.`,
      });
    const table = catalog === null ? undefined : findTable(catalog, ref);
    if (catalog !== null && !table?.columns.some((column) => column.name === input.column))
      problems.push({
        field: "contextInputs",
        message: `Input "${input.name}": ${label} has no column "${input.column}".`,
      });
  }
  return problems;
}

/**
 * The insert target as the catalog has it, with `returning` set to the primary key; throws
 * `invalid_input` naming every problem (field `insert` or `contextInputs`).
 */
export function checkInsertTarget(
  definition: ActionDefinitionInput,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
): InsertTarget {
  const insert = definition.insert!;
  const problems = ownerInputProblems(definition.contextInputs, policies, catalog);
  const add = (message: string) => problems.push({ field: "insert", message });
  const table = findTable(catalog, { schema: insert.schema, name: insert.table });
  const label = `${insert.schema}.${insert.table}`;
  if (table === undefined)
    add(`The database has no table ${label} (or the lookup credential cannot see it).`);
  else if (!WRITABLE_KINDS.has(table.kind))
    add(`${label} is a ${table.kind.replace("_", " ")}, not a table.`);
  else if (table.primaryKey.length === 0)
    add(`${label} has no primary key: the insert returns the new row's key, so the table needs one.`);
  if (table !== undefined) {
    const types = inputTypes(definition);
    for (const { column, input } of insert.columns) {
      const info = table.columns.find((candidate) => candidate.name === column);
      if (info === undefined) {
        add(`${label} has no column "${column}".`);
        continue;
      }
      const type = types.get(input);
      if (type !== undefined && !FITS[type].has(info.type))
        add(`Column "${column}" is ${info.nativeType}: input "${input}" (${type}) cannot fill it.`);
    }
  }
  if (problems.length > 0)
    throw appError("invalid_input", problems.map((p) => p.message).join(" "), { fields: problems });
  return { ...insert, returning: [...table!.primaryKey] };
}
