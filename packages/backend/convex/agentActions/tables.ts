import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";

/*
 * Agent actions: HTTP calls and single-row database inserts an admin defines (agentActions, their secret
 * header values and write credential sealed apart in agentActionSecrets) and every call the agent requested (actionRuns), with its gate's state machine.
 * docs/actions.md describes the whole flow.
 */

/**
 * `read` and `write` are HTTP calls; `db_insert` adds one row to one table of the organization's
 * database through the action's own write credential (agentActions/insert.ts), its HTTP fields unused.
 */
export const vActionKind = v.union(v.literal("read"), v.literal("write"), v.literal("db_insert"));
export type ActionKind = Infer<typeof vActionKind>;
export const vHttpMethod = v.union(
  v.literal("GET"),
  v.literal("POST"),
  v.literal("PUT"),
  v.literal("PATCH"),
  v.literal("DELETE"),
);

/** Where a non-model input comes from: always filled server-side, never by the model. */
export const vContextSource = v.union(
  /** The verified customer's e-mail (the session's signed owner key); unverified visitors cannot run the action. */
  v.literal("customer.email"),
  /** The name the visitor gave the widget (not verified). */
  v.literal("customer.name"),
  v.literal("conversation.id"),
  /** The conversation in the dashboard (SITE_URL/conversations?c=…). */
  v.literal("conversation.link"),
);
export const vContextInput = v.union(
  v.object({ name: v.string(), from: vContextSource }),
  /**
   * A column of the verified customer's own row in a table whose access policy is `customer` (e.g.
   * `customers.id`): read on the server through that policy's owner filter, exactly one row, never from
   * the model; unverified visitors cannot run the action (agentActions/ownerInputs.ts).
   */
  v.object({
    name: v.string(),
    from: v.literal("customer.column"),
    schema: v.string(),
    table: v.string(),
    column: v.string(),
  }),
);
export type ContextInput = Infer<typeof vContextInput>;

/** A `db_insert` action's target: the table and which input fills each column. */
export const vInsertTarget = v.object({
  schema: v.string(),
  table: v.string(),
  columns: v.array(v.object({ column: v.string(), input: v.string() })),
  /** The primary key columns, read from the catalog at save: the only thing `RETURNING` gives back. */
  returning: v.array(v.string()),
});
export type InsertTarget = Infer<typeof vInsertTarget>;

/** A header: a plain value, or a secret one (sealed; only its name and "set" ever leave the backend). */
export const vHeaderInput = v.object({
  name: v.string(),
  /** Plain headers: the value. Secret headers: a new value, or absent to keep the saved one. */
  value: v.optional(v.string()),
  secret: v.boolean(),
});

/** JSON pointer (RFC 6901) into the response body → the named field the model and sources panel see. */
export const vResponseField = v.object({ field: v.string(), pointer: v.string() });

export const vGate = v.union(
  v.object({ kind: v.literal("none") }),
  /** The customer confirms in the widget (a card that states what will happen). */
  v.object({ kind: v.literal("customer") }),
  /**
   * An operator approves in the queue, unless `autoApprove` (e.g. `amount <= 50 && customer.verified`,
   * see agentActions/rules.ts) holds for the inputs, evaluated deterministically when the run is created.
   */
  v.object({ kind: v.literal("operator"), autoApprove: v.optional(v.string()) }),
);

export const vPriority = v.union(v.literal("low"), v.literal("normal"), v.literal("high"));

/** What an admin edits: create and update take exactly this. */
export const actionDefinitionFields = {
  name: v.string(),
  description: v.string(),
  kind: vActionKind,
  method: vHttpMethod,
  urlTemplate: v.string(),
  /** JSON with `{{input}}` in value positions; each is replaced by the input's JSON value. */
  bodyTemplate: v.optional(v.string()),
  headers: v.array(vHeaderInput),
  /** JSON Schema (an object schema, scalar properties) of what the model supplies, as JSON text. */
  modelInputSchema: v.string(),
  contextInputs: v.array(vContextInput),
  /** Inputs shown as "[redacted]" in the approval queue, audit and webhooks. */
  redactedInputs: v.array(v.string()),
  responseFields: v.array(vResponseField),
  gate: vGate,
  priority: vPriority,
  /** How long a run waits for a confirmation or an approval before it expires. */
  expiresAfterMinutes: v.number(),
  /** Header that carries the run id, so the target can drop a repeat: writes are retried only with one. */
  idempotencyKeyHeader: v.optional(v.string()),
  timeoutMs: v.number(),
  enabled: v.boolean(),
  /** `db_insert` only: the table and the column mapping (checked against the catalog when saved). */
  insert: v.optional(vInsertTarget),
  /**
   * `db_insert` only: a new write credential (a postgres:// connection string), sealed at save; absent
   * to keep the saved one. Never stored on the action row, never returned.
   */
  writeConnectionString: v.optional(v.string()),
};

export const vActionDefinition = v.object(actionDefinitionFields);
export type ActionDefinitionInput = Infer<typeof vActionDefinition>;

const vStoredHeader = v.object({ name: v.string(), value: v.optional(v.string()), secret: v.boolean() });

export const vSealedHeader = v.object({
  name: v.string(),
  keyId: v.string(),
  iv: v.string(),
  ciphertext: v.string(),
});

export const vInputValue = v.union(v.string(), v.number(), v.boolean(), v.null());
export const vRunInput = v.object({ name: v.string(), value: vInputValue, redacted: v.boolean() });

export const vRunStatus = v.union(
  v.literal("pending_confirmation"),
  v.literal("pending_approval"),
  v.literal("approved"),
  v.literal("rejected"),
  v.literal("expired"),
  v.literal("running"),
  v.literal("succeeded"),
  v.literal("failed"),
);
export type RunStatus = Infer<typeof vRunStatus>;

export const vDecider = v.union(
  v.object({ kind: v.literal("member"), userId: v.id("users") }),
  v.object({ kind: v.literal("customer") }),
  v.object({ kind: v.literal("rule"), rule: v.string() }),
);
export const vDecision = v.object({
  by: vDecider,
  decision: v.union(v.literal("approve"), v.literal("reject")),
  reason: v.optional(v.string()),
  at: v.number(),
});

export const vRunResult = v.object({
  /** The target's HTTP status; 0 for a `db_insert` run (no HTTP), whose `fields` are the new row's key. */
  httpStatus: v.number(),
  durationMs: v.number(),
  fields: v.array(v.object({ field: v.string(), value: vInputValue })),
});

/** `message` is what the customer reads; `detail` (status, body excerpt, cause) is for operators only. */
export const vRunError = v.object({
  code: v.string(),
  message: v.string(),
  detail: v.string(),
  httpStatus: v.optional(v.number()),
});

export const vRequester = v.object({
  contactSessionId: v.id("contactSessions"),
  name: v.string(),
  email: v.string(),
  verified: v.boolean(),
});

export const actionRunFields = {
  organizationId: v.id("organizations"),
  actionId: v.id("agentActions"),
  /** The action's name when the run was requested (the definition may change or go later). */
  actionName: v.string(),
  kind: vActionKind,
  conversationId: v.id("conversations"),
  requester: vRequester,
  inputs: v.array(vRunInput),
  /** One sentence stating exactly what will happen: the widget card and the queue show it. */
  summary: v.string(),
  priority: vPriority,
  status: vRunStatus,
  expiresAt: v.number(),
  decision: v.optional(vDecision),
  result: v.optional(vRunResult),
  error: v.optional(vRunError),
  attempts: v.number(),
  finishedAt: v.optional(v.number()),
};

const { writeConnectionString: _writeConnectionString, ...storedDefinitionFields } = actionDefinitionFields;
void _writeConnectionString;
export { storedDefinitionFields };

export const agentActionTables = {
  agentActions: defineTable({
    ...storedDefinitionFields,
    headers: v.array(vStoredHeader),
    organizationId: v.id("organizations"),
    updatedAt: v.number(),
    updatedBy: v.id("users"),
  })
    .index("by_organizationId", ["organizationId"])
    .index("by_organizationId_and_name", ["organizationId", "name"]),
  agentActionSecrets: defineTable({
    organizationId: v.id("organizations"),
    actionId: v.id("agentActions"),
    headers: v.array(vSealedHeader),
    /** `db_insert`: the write credential (a postgres:// URL), sealed like the database's own config. */
    writeCredential: v.optional(v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() })),
  }).index("by_actionId", ["actionId"]),
  actionRuns: defineTable(actionRunFields)
    .index("by_organizationId_and_status", ["organizationId", "status"])
    .index("by_conversationId", ["conversationId"])
    .index("by_status_and_expiresAt", ["status", "expiresAt"]),
};
