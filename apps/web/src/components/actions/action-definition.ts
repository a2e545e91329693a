import type { api } from "@answerbase/backend/api";
import type { FunctionArgs, FunctionReturnType } from "convex/server";

/*
 * What the Actions editor works with: the stored action, the definition `create`/`update` take, and
 * the drafts the form edits. The backend checks every definition (templates against the declared
 * inputs, the URL's host against the egress policy); the dashboard only shows where it said no.
 */

export type StoredAction = FunctionReturnType<typeof api.private.agentActions.list>[number];
export type CatalogTable = FunctionReturnType<typeof api.private.dataSourceActions.listTables>[number];
export type ActionDefinition = Omit<FunctionArgs<typeof api.private.agentActions.create>, "organizationId">;
export type ActionHeader = ActionDefinition["headers"][number];
export type Gate = ActionDefinition["gate"];
export type ContextSource = ActionDefinition["contextInputs"][number]["from"];
type ModelType = "string" | "number" | "integer" | "boolean";

/** Field path (as the backend names it: `urlTemplate`, `headers`, `gate`, `contextInputs`) → message. */
export type FieldErrors = Record<string, string>;

export const METHODS = [
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
] as const satisfies readonly ActionDefinition["method"][];

export const INPUT_TYPES: { type: ModelType; label: string }[] = [
  { type: "string", label: "Text" },
  { type: "number", label: "Number" },
  { type: "integer", label: "Whole number" },
  { type: "boolean", label: "True / false" },
];

/** Who fills an input: the model (checked against its type), or the backend from the session — never the model. */
export type InputSource = "model" | ContextSource;

export const INPUT_SOURCES: { source: InputSource; label: string }[] = [
  { source: "model", label: "The agent (model)" },
  { source: "customer.email", label: "Verified customer's e-mail" },
  { source: "customer.name", label: "Customer's name" },
  { source: "conversation.id", label: "Conversation id" },
  { source: "conversation.link", label: "Conversation link" },
  { source: "customer.column", label: "Verified customer's record" },
];

export const GATES: { kind: Gate["kind"]; label: string; hint: string }[] = [
  { kind: "none", label: "No gate", hint: "The agent runs it as soon as it decides to." },
  {
    kind: "customer",
    label: "Customer confirms",
    hint: "The widget shows the customer a card saying exactly what will happen; nothing runs until they press Confirm.",
  },
  {
    kind: "operator",
    label: "Operator approves",
    hint: "The request waits in the Approvals queue; the agent tells the customer it is pending and follows up when it is decided.",
  },
];

export const PRIORITIES = [
  "low",
  "normal",
  "high",
] as const satisfies readonly ActionDefinition["priority"][];

/** A header while editing: a secret's stored value is never sent here, only that one is set. */
export interface HeaderDraft {
  key: number;
  name: string;
  secret: boolean;
  /** What was typed; for a stored secret, empty means "keep the stored value". */
  value: string;
  /** A stored secret value exists (only on edit). */
  stored: boolean;
}

/** One row of the inputs table; type, description and `required` matter only for the model's inputs. */
export interface InputDraft {
  key: number;
  name: string;
  type: ModelType;
  description: string;
  source: InputSource;
  redact: boolean;
  required: boolean;
  /**
   * The property's other JSON Schema keywords (maximum, minLength, enum…) as saved: the table does not
   * edit them, but a save keeps them, so editing a description never loosens a limit.
   */
  constraints: Record<string, unknown>;
  /** `customer.column`: the customer table's column, as `schema.table.column` (e.g. public.customers.id). */
  column: string;
}

/** One column of a database insert and the input that fills it. */
export interface InsertColumnDraft {
  key: number;
  column: string;
  input: string;
}

export interface MappingDraft {
  key: number;
  name: string;
  pointer: string;
}

/** The form's whole state; `toDefinition` turns it into what the backend takes. */
export interface ActionDraft {
  name: string;
  description: string;
  kind: ActionDefinition["kind"];
  method: ActionDefinition["method"];
  urlTemplate: string;
  headers: HeaderDraft[];
  bodyTemplate: string;
  inputs: InputDraft[];
  responseMapping: MappingDraft[];
  gate: Gate["kind"];
  autoApprove: string;
  priority: ActionDefinition["priority"];
  expiresAfterMinutes: string;
  timeoutMs: string;
  idempotencyKeyHeader: string;
  enabled: boolean;
  /** `db_insert`: the table as `schema.table` (from the catalog), its columns, the write credential. */
  insertTable: string;
  insertColumns: InsertColumnDraft[];
  /** What was typed; empty with `writeCredentialStored` keeps the saved credential. */
  writeConnectionString: string;
  writeCredentialStored: boolean;
}

export const BLANK_DRAFT: ActionDraft = {
  name: "",
  description: "",
  kind: "write",
  method: "POST",
  urlTemplate: "",
  headers: [{ key: 0, name: "Authorization", secret: true, value: "", stored: false }],
  bodyTemplate: "",
  inputs: [],
  responseMapping: [],
  gate: "operator",
  autoApprove: "",
  priority: "normal",
  expiresAfterMinutes: "60",
  timeoutMs: "5000",
  idempotencyKeyHeader: "",
  enabled: true,
  insertTable: "",
  insertColumns: [],
  writeConnectionString: "",
  writeCredentialStored: false,
};

interface SchemaProperty {
  type?: ModelType;
  description?: string;
  [keyword: string]: unknown;
}

type ModelInput = Pick<InputDraft, "name" | "type" | "description" | "required" | "constraints" | "column">;

/** The model's inputs from the stored JSON Schema text (the backend saved only a valid one). */
function modelInputs(schemaText: string): ModelInput[] {
  const schema = JSON.parse(schemaText) as {
    properties?: Record<string, SchemaProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, { type, description, ...constraints }]) => ({
    name,
    type: type ?? "string",
    description: description ?? "",
    required: required.has(name),
    constraints,
    column: "",
  }));
}

export function draftFromStored(action: StoredAction): ActionDraft {
  const redacted = new Set(action.redactedInputs);
  const inputs: Omit<InputDraft, "key">[] = [
    ...modelInputs(action.modelInputSchema).map((i) => ({ ...i, source: "model" as const, redact: false })),
    ...action.contextInputs.map((c) => ({
      name: c.name,
      type: "string" as const,
      description: "",
      source: c.from,
      redact: false,
      required: true,
      constraints: {},
      column: c.from === "customer.column" ? `${c.schema}.${c.table}.${c.column}` : "",
    })),
  ];
  return {
    name: action.name,
    description: action.description,
    kind: action.kind,
    method: action.method,
    urlTemplate: action.urlTemplate,
    headers: action.headers.map((h, key) => ({
      key,
      name: h.name,
      secret: h.secret,
      value: h.secret ? "" : (h.value ?? ""),
      stored: h.secret && h.set,
    })),
    bodyTemplate: action.bodyTemplate ?? "",
    inputs: inputs.map((input, key) => ({ ...input, key, redact: redacted.has(input.name) })),
    responseMapping: action.responseFields.map((m, key) => ({ key, name: m.field, pointer: m.pointer })),
    gate: action.gate.kind,
    autoApprove: action.gate.kind === "operator" ? (action.gate.autoApprove ?? "") : "",
    priority: action.priority,
    expiresAfterMinutes: String(action.expiresAfterMinutes),
    timeoutMs: String(action.timeoutMs),
    idempotencyKeyHeader: action.idempotencyKeyHeader ?? "",
    enabled: action.enabled,
    insertTable: action.insert ? `${action.insert.schema}.${action.insert.table}` : "",
    insertColumns: (action.insert?.columns ?? []).map((c, key) => ({ key, ...c })),
    writeConnectionString: "",
    writeCredentialStored: action.writeCredentialSet,
  };
}

/** `schema.table` and `schema.table.column` as typed or picked; the last dot-free parts win. */
function splitName(text: string, parts: 2 | 3): string[] {
  const pieces = text.trim().split(".");
  if (pieces.length < parts) return [...Array.from({ length: parts - pieces.length }, () => ""), ...pieces];
  return [pieces.slice(0, pieces.length - parts + 1).join("."), ...pieces.slice(pieces.length - parts + 1)];
}

function contextInputOf(input: InputDraft): ActionDefinition["contextInputs"][number] {
  if (input.source === "customer.column") {
    const [schema = "", table = "", column = ""] = splitName(input.column, 3);
    return { name: input.name, from: "customer.column", schema, table, column };
  }
  return { name: input.name, from: input.source as Exclude<InputSource, "model" | "customer.column"> };
}

/** A database insert's own fields: the table and column mapping, the write credential if typed. */
function insertFields(draft: ActionDraft) {
  const [schema = "", table = ""] = splitName(draft.insertTable, 2);
  const typed = draft.writeConnectionString.trim();
  return {
    insert: {
      schema,
      table,
      columns: draft.insertColumns.map(({ column, input }) => ({
        column: column.trim(),
        input: input.trim(),
      })),
      // The backend sets the primary key from the catalog.
      returning: [],
    },
    ...(typed === "" && draft.writeCredentialStored ? {} : { writeConnectionString: typed }),
  };
}

export function toDefinition(draft: ActionDraft): ActionDefinition {
  const rule = draft.autoApprove.trim();
  const inputs = draft.inputs.map((i) => ({ ...i, name: i.name.trim() }));
  const model = inputs.filter((i) => i.source === "model");
  const properties = Object.fromEntries(
    model.map((i) => [
      i.name,
      { type: i.type, ...(i.description.trim() ? { description: i.description.trim() } : {}) },
    ]),
  );
  const insert = draft.kind === "db_insert";
  const body = insert ? "" : draft.bodyTemplate.trim();
  const idempotency = insert ? "" : draft.idempotencyKeyHeader.trim();
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    kind: draft.kind,
    method: draft.method,
    // A database insert has no URL, body, headers or response mapping: the backend refuses them.
    urlTemplate: insert ? "" : draft.urlTemplate.trim(),
    ...(body === "" ? {} : { bodyTemplate: body }),
    // A stored secret left empty keeps its value: the backend reads a missing value that way.
    headers: insert
      ? []
      : draft.headers.map((h) => ({
          name: h.name.trim(),
          secret: h.secret,
          ...(h.secret && h.stored && h.value === "" ? {} : { value: h.value }),
        })),
    ...(insert ? insertFields(draft) : {}),
    modelInputSchema: JSON.stringify({
      type: "object",
      properties,
      required: model.filter((i) => i.required).map((i) => i.name),
    }),
    contextInputs: inputs.flatMap((i) => (i.source === "model" ? [] : [contextInputOf(i)])),
    redactedInputs: inputs.filter((i) => i.redact).map((i) => i.name),
    responseFields: insert
      ? []
      : draft.responseMapping.map(({ name, pointer }) => ({
          field: name.trim(),
          pointer: pointer.trim(),
        })),
    gate:
      draft.gate === "operator"
        ? { kind: "operator", ...(rule === "" ? {} : { autoApprove: rule }) }
        : { kind: draft.gate },
    priority: draft.priority,
    expiresAfterMinutes: Number(draft.expiresAfterMinutes),
    timeoutMs: Number(draft.timeoutMs),
    ...(idempotency === "" ? {} : { idempotencyKeyHeader: idempotency }),
    enabled: draft.enabled,
  };
}

/**
 * The `{{name}}` references of a template that no input declares: shown under the field while typing,
 * so a mistake is seen before Save (the backend refuses the same definition with the same words).
 */
export function unknownReferences(template: string, inputs: { name: string }[]): string[] {
  const declared = new Set(inputs.map((i) => i.name.trim()));
  const used = [...template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((name) => !declared.has(name)))];
}

export function referenceProblem(template: string, inputs: { name: string }[]): string | undefined {
  const unknown = unknownReferences(template, inputs);
  if (unknown.length === 0) return undefined;
  return unknown.map((name) => `{{${name}}} is not a declared input.`).join(" ");
}
