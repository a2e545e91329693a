import { defineTable } from "convex/server";
import { v } from "convex/values";

export const vActor = v.union(
  v.object({ kind: v.literal("member"), userId: v.id("users") }),
  v.object({ kind: v.literal("contact"), contactId: v.string() }),
  v.object({ kind: v.literal("system"), name: v.string() }),
  /** A call to the HTTP API (`/v1`), by the key's visible prefix. */
  v.object({ kind: v.literal("api_key"), apiKeyId: v.id("apiKeys"), prefix: v.string() }),
);

export const vOperation = v.union(
  v.literal("test_connection"),
  v.literal("list_tables"),
  v.literal("preview_rows"),
  v.literal("health_check"),
  v.literal("save_config"),
  v.literal("disconnect"),
  v.literal("lookup"),
  v.literal("ingest"),
  v.literal("api_request"),
  v.literal("webhook_disabled"),
  /** An inbox conversation assigned, reassigned or unassigned (no data-source access). */
  v.literal("assign_conversation"),
  v.literal("sql_console"),
  v.literal("sql_console_cancel"),
  /** An agent action created, changed or removed (agentActions). */
  v.literal("action_definition"),
  /** A run approved or rejected: by an operator, the customer, or an auto-approval rule. */
  v.literal("action_decision"),
  /** An agent action's HTTP request (or the admin's "Test action"). */
  v.literal("action_call"),
);

export const vOutcome = v.union(
  v.object({ kind: v.literal("ok") }),
  v.object({ kind: v.literal("error"), code: v.string() }),
);

/** One data-source access. Never row values or secrets: names, counts, timings and codes only. */
export const auditEventFields = {
  organizationId: v.id("organizations"),
  actor: vActor,
  operation: vOperation,
  table: v.optional(v.string()),
  rowCount: v.optional(v.number()),
  durationMs: v.number(),
  outcome: vOutcome,
  /** `api_request` only: `METHOD /v1/route` (the route's pattern, never ids or query values). */
  endpoint: v.optional(v.string()),
  /** `api_request` only: the HTTP status answered. */
  httpStatus: v.optional(v.number()),
  /** `action_*` only: the action's name. */
  action: v.optional(v.string()),
  /** `action_*` only: what happened, with the inputs marked redacted shown as [redacted]. */
  detail: v.optional(v.string()),
};

export const auditTables = {
  // The audit page filters by operation, outcome or both, newest first, over any number of entries.
  auditEvents: defineTable(auditEventFields)
    .index("by_organizationId", ["organizationId"])
    .index("by_organizationId_and_operation_and_outcomeKind", ["organizationId", "operation", "outcome.kind"])
    .index("by_organizationId_and_outcomeKind", ["organizationId", "outcome.kind"]),
};
