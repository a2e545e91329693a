import { readFile } from "node:fs/promises";
import type { FunctionArgs } from "convex/server";
import type { api } from "@answerbase/backend/api";

/** A policy as `private/dataSources:setPolicy` saves it. */
export type AccessPolicy = FunctionArgs<typeof api.private.dataSources.setPolicy>["policy"];

/** What `--policies` needs to know of a table: its name, columns and the product's suggestion. */
export interface CatalogTable {
  schema: string;
  name: string;
  columns: { name: string }[];
  suggestion: { policy: AccessPolicy };
}

/** One table's choice in the file: a policy of its own, or "take the product's suggestion". */
export type PolicyChoice = { kind: "suggested" } | AccessPolicy;

/** The admin's choices, keyed by `schema.name`; tables not listed stay private. */
export type PolicyChoices = Map<string, PolicyChoice>;

export class PoliciesFileError extends Error {}

/** Unqualified table names mean this schema (the default of every Postgres-family database here). */
const DEFAULT_SCHEMA = "public";
const KINDS = ["public", "private", "customer", "suggested"];
const FIELDS: Record<string, string[]> = {
  public: ["kind", "hiddenColumns"],
  private: ["kind"],
  suggested: ["kind"],
  customer: ["kind", "ownerPath", "ownerColumn", "hiddenColumns", "hiddenWhen"],
};

/**
 * Reads an admin's policy choices (the format of tooling/eval/README.md) and checks every name against
 * the live catalog: a bad file is refused with the table and field at fault, before anything is saved.
 */
export async function readPoliciesFile(file: string, catalog: CatalogTable[]): Promise<PolicyChoices> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new PoliciesFileError(`--policies ${file}: ${(error as Error).message}`);
  }
  try {
    return parsePolicies(parsed, catalog);
  } catch (error) {
    if (error instanceof PoliciesFileError)
      throw new PoliciesFileError(`--policies ${file}: ${error.message}`);
    throw error;
  }
}

export function parsePolicies(parsed: unknown, catalog: CatalogTable[]): PolicyChoices {
  if (!isObject(parsed) || !isObject(parsed.tables) || Object.keys(parsed).some((key) => key !== "tables")) {
    throw new PoliciesFileError('expected {"tables": {"<table>": {"kind": ...}, ...}} and nothing else');
  }
  const choices: PolicyChoices = new Map();
  for (const [name, entry] of Object.entries(parsed.tables)) {
    const at = `tables.${JSON.stringify(name)}`;
    const table = findTable(catalog, name, DEFAULT_SCHEMA);
    if (table === undefined) throw new PoliciesFileError(`${at}: no such table in the database`);
    const key = `${table.schema}.${table.name}`;
    if (choices.has(key)) throw new PoliciesFileError(`${at}: ${key} is listed twice`);
    choices.set(key, choiceOf(entry, table, catalog, at));
  }
  return choices;
}

/** The policy to save for a table, or undefined when it stays private (not listed, or listed as such). */
export function policyFor(table: CatalogTable, choices: PolicyChoices): AccessPolicy | undefined {
  const choice = choices.get(`${table.schema}.${table.name}`);
  const policy = choice?.kind === "suggested" ? table.suggestion.policy : choice;
  return policy?.kind === "private" ? undefined : policy;
}

function choiceOf(entry: unknown, table: CatalogTable, catalog: CatalogTable[], at: string): PolicyChoice {
  if (!isObject(entry) || typeof entry.kind !== "string" || !KINDS.includes(entry.kind)) {
    throw new PoliciesFileError(`${at}.kind: expected one of ${KINDS.join(", ")}`);
  }
  const unknown = Object.keys(entry).filter((field) => !FIELDS[entry.kind as string]!.includes(field));
  if (unknown.length > 0) {
    throw new PoliciesFileError(`${at}: a ${entry.kind} table has no field ${unknown.join(", ")}`);
  }
  const hiddenColumns =
    entry.hiddenColumns === undefined
      ? undefined
      : columnList(entry.hiddenColumns, table, `${at}.hiddenColumns`);
  switch (entry.kind) {
    case "private":
    case "suggested":
      return { kind: entry.kind };
    case "public":
      return { kind: "public", ...(hiddenColumns && { hiddenColumns }) };
    default:
      return customerPolicy(entry, table, catalog, at, hiddenColumns);
  }
}

function customerPolicy(
  entry: Record<string, unknown>,
  table: CatalogTable,
  catalog: CatalogTable[],
  at: string,
  hiddenColumns: string[] | undefined,
): AccessPolicy {
  if (!Array.isArray(entry.ownerPath)) {
    throw new PoliciesFileError(
      `${at}.ownerPath: expected a list of "column -> table.column" steps ([] when the table holds the owner column)`,
    );
  }
  let current = table;
  const ownerPath = entry.ownerPath.map((step: unknown, index) => {
    const stepAt = `${at}.ownerPath[${index}]`;
    const match = typeof step === "string" ? /^\s*(\S+)\s*->\s*(\S+)\.([^.\s]+)\s*$/.exec(step) : null;
    if (match === null)
      throw new PoliciesFileError(
        `${stepAt}: expected "column -> table.column", got ${JSON.stringify(step)}`,
      );
    const [, column, tableName, referencedColumn] = match as unknown as [string, string, string, string];
    requireColumn(current, column, stepAt);
    const referenced = findTable(catalog, tableName, current.schema);
    if (referenced === undefined) throw new PoliciesFileError(`${stepAt}: no table ${tableName}`);
    requireColumn(referenced, referencedColumn, stepAt);
    current = referenced;
    return {
      column,
      references: { schema: referenced.schema, table: referenced.name, column: referencedColumn },
    };
  });
  if (typeof entry.ownerColumn !== "string") {
    throw new PoliciesFileError(
      `${at}.ownerColumn: expected the column of ${current.schema}.${current.name} holding the customer's e-mail`,
    );
  }
  requireColumn(current, entry.ownerColumn, `${at}.ownerColumn`);
  if (entry.hiddenWhen !== undefined) {
    if (typeof entry.hiddenWhen !== "string")
      throw new PoliciesFileError(`${at}.hiddenWhen: expected a column name`);
    requireColumn(table, entry.hiddenWhen, `${at}.hiddenWhen`);
  }
  return {
    kind: "customer",
    ownerPath,
    ownerColumn: entry.ownerColumn,
    ...(typeof entry.hiddenWhen === "string" && { hiddenWhen: entry.hiddenWhen }),
    ...(hiddenColumns && { hiddenColumns }),
  };
}

/** `name` in `schema` (then in the default schema), or `schema.name`. */
function findTable(catalog: CatalogTable[], name: string, schema: string): CatalogTable | undefined {
  const dot = name.lastIndexOf(".");
  if (dot > 0) {
    const [wantedSchema, wantedName] = [name.slice(0, dot), name.slice(dot + 1)];
    return catalog.find((t) => t.schema === wantedSchema && t.name === wantedName);
  }
  return (
    catalog.find((t) => t.schema === schema && t.name === name) ??
    catalog.find((t) => t.schema === DEFAULT_SCHEMA && t.name === name)
  );
}

function columnList(value: unknown, table: CatalogTable, at: string): string[] {
  if (!Array.isArray(value) || value.some((column) => typeof column !== "string")) {
    throw new PoliciesFileError(`${at}: expected a list of column names`);
  }
  for (const column of value as string[]) requireColumn(table, column, at);
  return value as string[];
}

function requireColumn(table: CatalogTable, column: string, at: string): void {
  if (!table.columns.some((c) => c.name === column)) {
    throw new PoliciesFileError(
      `${at}: ${table.schema}.${table.name} has no column ${JSON.stringify(column)}`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
