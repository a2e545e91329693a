import ipaddr from "ipaddr.js";
import { z } from "zod";
import { appError } from "../lib/errors";
import { parseRule } from "./rules";
import { bodyProblem, placeholders, staticOrigin } from "./templates";
import type { ActionDefinitionInput } from "./tables";

/*
 * What makes an action definition saveable (for db_insert, the catalog check follows in
 * agentActions/insertCatalog.ts): a tool-safe name, a model input schema that is a JSON
 * Schema object of scalar properties, templates that use only declared inputs, a URL whose host the
 * organization may reach, a rule over declared inputs. Every problem is named by field at once.
 */

type Fields = ActionDefinitionInput;

const NAME = /^[a-z][a-z0-9_]{1,39}$/;
/** A Postgres identifier as the catalog spells it: 1-63 characters, no NUL (it is quoted when used). */
const IDENTIFIER = {
  test: (name: string) => name.length >= 1 && name.length <= 63 && !name.includes("\u0000"),
};
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const SCALAR_TYPES = new Set(["string", "number", "integer", "boolean"]);
const MAX_TIMEOUT_MS = 30_000;
// Headers the runtime sets itself: an admin's value would be ignored or unsafe.
const RESERVED_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding"]);

interface Problem {
  field: string;
  message: string;
}

/** The model inputs' names and the schema the tool validates with, or the problem. */
export function modelSchemaOf(text: string): { names: string[]; schema: z.ZodType } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: "The model input schema must be JSON." };
  }
  const object = json as { type?: unknown; properties?: unknown };
  if (typeof json !== "object" || json === null || object.type !== "object")
    return { problem: 'The model input schema must be {"type": "object", "properties": {...}}.' };
  const properties = (object.properties ?? {}) as Record<string, { type?: unknown }>;
  for (const [name, property] of Object.entries(properties)) {
    if (!NAME.test(name)) return { problem: `Input "${name}": use lower-case letters, digits and _.` };
    if (typeof property?.type !== "string" || !SCALAR_TYPES.has(property.type))
      return { problem: `Input "${name}": type must be string, number, integer or boolean.` };
  }
  try {
    return { names: Object.keys(properties), schema: z.fromJSONSchema(json as z.core.JSONSchema.JSONSchema) };
  } catch (error) {
    return { problem: `The model input schema is not valid JSON Schema: ${(error as Error).message}` };
  }
}

/** Whether an IP-literal or local host is one a public-internet organization may not reach. */
function privateHost(hostname: string): string | null {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  if (bare === "localhost" || bare.endsWith(".localhost")) return "loopback";
  if (!ipaddr.isValid(bare)) return null; // a name: checked when the connection opens
  const range = ipaddr.process(bare).range();
  return range === "unicast" ? null : range;
}

type Add = (field: string, message: string) => void;

/** What only an HTTP action checks: its URL (and who may be reached), body, headers, idempotency key. */
function httpProblems(
  input: Fields,
  declared: ReadonlySet<string>,
  network: "public_internet" | "private_networks",
  add: Add,
): void {
  const origin = staticOrigin(input.urlTemplate.trim());
  if ("problem" in origin) add("urlTemplate", origin.problem);
  else {
    const range = privateHost(origin.origin.hostname);
    if (range !== null && network === "public_internet")
      add("urlTemplate", `This organization may not reach ${origin.origin.hostname} (${range} address).`);
  }
  for (const used of placeholders(input.urlTemplate))
    if (!declared.has(used)) add("urlTemplate", `{{${used}}} is not a declared input.`);
  const body = input.bodyTemplate?.trim() || undefined;
  if (body !== undefined) {
    const problem = bodyProblem(body);
    if (problem !== null) add("bodyTemplate", problem);
    for (const used of placeholders(body))
      if (!declared.has(used)) add("bodyTemplate", `{{${used}}} is not a declared input.`);
  }
  if (body !== undefined && input.method === "GET") add("bodyTemplate", "A GET request has no body.");

  const headerNames = new Set<string>();
  for (const header of input.headers) {
    const lower = header.name.toLowerCase();
    if (!HEADER_NAME.test(header.name) || RESERVED_HEADERS.has(lower))
      add("headers", `"${header.name}" is not a header name you can set.`);
    if (headerNames.has(lower)) add("headers", `Header "${header.name}" is set twice.`);
    headerNames.add(lower);
    if (!header.secret && (header.value ?? "") === "")
      add("headers", `Give header "${header.name}" a value.`);
  }
  if (input.idempotencyKeyHeader !== undefined && !HEADER_NAME.test(input.idempotencyKeyHeader))
    add("idempotencyKeyHeader", "Use a header name (letters, digits and -).");
  if (input.insert !== undefined || input.writeConnectionString !== undefined)
    add("insert", "Only a database insert action has a table and a write credential.");
}

/**
 * What a `db_insert` action checks before the catalog is read (agentActions/insertCatalog.ts does that
 * in the save action): a table, each column filled by a declared input once, no HTTP fields.
 */
function insertProblems(input: Fields, declared: ReadonlySet<string>, add: Add): void {
  const insert = input.insert;
  if (insert === undefined || !IDENTIFIER.test(insert.schema) || !IDENTIFIER.test(insert.table))
    add("insert", "Choose the table the action adds a row to.");
  else {
    if (insert.columns.length === 0) add("insert", "Map at least one column to an input.");
    const seen = new Set<string>();
    for (const { column, input: name } of insert.columns) {
      if (!IDENTIFIER.test(column)) add("insert", `"${column}" is not a column name.`);
      if (seen.has(column)) add("insert", `Column "${column}" is mapped twice.`);
      seen.add(column);
      if (!declared.has(name)) add("insert", `Column "${column}": "${name}" is not a declared input.`);
    }
  }
  if (input.urlTemplate.trim() !== "" || (input.bodyTemplate ?? "").trim() !== "" || input.headers.length > 0)
    add("urlTemplate", "A database insert action has no URL, body or headers.");
  if (input.idempotencyKeyHeader !== undefined)
    add("idempotencyKeyHeader", "A database insert is never retried: it has no idempotency key.");
  if (input.responseFields.length > 0)
    add(
      "responseFields",
      "A database insert returns the new row's primary key only; it has no response mapping.",
    );
  if (input.writeConnectionString !== undefined) {
    const url = postgresUrl(input.writeConnectionString);
    if (url === null)
      add(
        "writeConnectionString",
        "Enter a postgres:// or postgresql:// URL with a host (the write credential).",
      );
  }
}

function postgresUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== ""
      ? url
      : null;
  } catch {
    return null;
  }
}

export function validateDefinition(input: Fields, network: "public_internet" | "private_networks"): Fields {
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const name = input.name.trim();
  if (!NAME.test(name)) add("name", "Use 2-40 lower-case letters, digits and _, starting with a letter.");
  const description = input.description.trim();
  if (description.length < 10 || description.length > 1_000)
    add(
      "description",
      "Describe for the model what the action does and when to use it (10-1000 characters).",
    );

  const model = modelSchemaOf(input.modelInputSchema);
  const modelNames = "problem" in model ? [] : model.names;
  if ("problem" in model) add("modelInputSchema", model.problem);
  const declared = new Set(modelNames);
  for (const context of input.contextInputs) {
    if (!NAME.test(context.name))
      add("contextInputs", `Input "${context.name}": use lower-case letters, digits and _.`);
    else if (declared.has(context.name)) add("contextInputs", `Input "${context.name}" is declared twice.`);
    if (
      context.from === "customer.column" &&
      ![context.schema, context.table, context.column].every((part) => IDENTIFIER.test(part))
    )
      add("contextInputs", `Input "${context.name}": choose the table and column it is read from.`);
    declared.add(context.name);
  }

  if (input.kind === "db_insert") insertProblems(input, declared, add);
  else httpProblems(input, declared, network, add);
  for (const redacted of input.redactedInputs)
    if (!declared.has(redacted)) add("redactedInputs", `"${redacted}" is not a declared input.`);
  for (const mapped of input.responseFields) {
    if (!NAME.test(mapped.field))
      add("responseFields", `Field "${mapped.field}": use lower-case letters, digits and _.`);
    if (mapped.pointer !== "" && !mapped.pointer.startsWith("/"))
      add("responseFields", `"${mapped.pointer}" is not a JSON pointer (it starts with /).`);
  }
  if (
    input.gate.kind === "operator" &&
    input.gate.autoApprove !== undefined &&
    input.gate.autoApprove.trim() !== ""
  ) {
    const parsed = parseRule(input.gate.autoApprove, declared);
    if ("problem" in parsed) add("gate", parsed.problem);
  }
  if (input.kind === "read" && input.gate.kind !== "none")
    add("gate", "A read action runs inside a lookup: it cannot wait for a confirmation or an approval.");
  if (!(input.expiresAfterMinutes >= 1 && input.expiresAfterMinutes <= 7 * 24 * 60))
    add("expiresAfterMinutes", "Between 1 minute and 7 days.");
  if (!(input.timeoutMs >= 100 && input.timeoutMs <= MAX_TIMEOUT_MS))
    add("timeoutMs", `Between 100 and ${MAX_TIMEOUT_MS} ms.`);

  if (problems.length > 0)
    throw appError("invalid_input", problems.map((p) => p.message).join(" "), { fields: problems });
  const autoApprove = input.gate.kind === "operator" ? input.gate.autoApprove?.trim() : undefined;
  return {
    ...input,
    name,
    description,
    urlTemplate: input.urlTemplate.trim(),
    bodyTemplate: input.bodyTemplate?.trim() || undefined,
    writeConnectionString: input.writeConnectionString?.trim() || undefined,
    gate:
      input.gate.kind === "operator"
        ? { kind: "operator", ...(autoApprove ? { autoApprove } : {}) }
        : input.gate,
    idempotencyKeyHeader: input.idempotencyKeyHeader?.trim() || undefined,
  };
}
