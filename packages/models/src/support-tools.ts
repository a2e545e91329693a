import { z } from "zod";

/**
 * The contract between the support agent's tools and the offline language model. The backend names
 * its tools with these names and validates their input and output with these schemas; the offline
 * model only ever calls a tool listed here, and only when the call's tool list includes it.
 */
export const SUPPORT_TOOL_NAMES = {
  lookup: "lookup",
  escalate: "escalate",
  resolve: "resolve",
} as const;
export type SupportToolName = (typeof SUPPORT_TOOL_NAMES)[keyof typeof SUPPORT_TOOL_NAMES];

/** `lookup` input: the customer's question, as they wrote it. */
export const lookupInputSchema = z.object({ question: z.string() });
/** `escalate` input: why the conversation goes to a person. */
export const escalateInputSchema = z.object({ reason: z.string() });
/** `resolve` input: nothing. */
export const resolveInputSchema = z.object({});

export type LookupInput = z.infer<typeof lookupInputSchema>;
export type EscalateInput = z.infer<typeof escalateInputSchema>;
export type ResolveInput = z.infer<typeof resolveInputSchema>;

/** A JSON-safe cell, as the connectors return it (64-bit numbers and numerics as strings). */
export const lookupCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One table's rows: `rows[i][j]` is the value of `columns[j]`. */
export const lookupRowSetSchema = z.object({
  table: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(lookupCellSchema)),
  /** The database had more rows than were returned. */
  truncated: z.boolean(),
});

/** A knowledge-base passage, best first. */
export const lookupPassageSchema = z.object({ title: z.string(), text: z.string() });

/**
 * What the `lookup` tool returns, after the priority rules: `database` → answer from `rows` only;
 * `knowledge_base` → from `passages` only; `none` → nothing was found. `note` is a sentence for the
 * customer that goes with any answer (e.g. "Sign in to see your own records.").
 */
export const lookupResultSchema = z.object({
  source: z.enum(["database", "knowledge_base", "none"]),
  rows: z.array(lookupRowSetSchema).optional(),
  passages: z.array(lookupPassageSchema).optional(),
  note: z.string().optional(),
});

export type LookupCell = z.infer<typeof lookupCellSchema>;
export type LookupRowSet = z.infer<typeof lookupRowSetSchema>;
export type LookupPassage = z.infer<typeof lookupPassageSchema>;
export type LookupResult = z.infer<typeof lookupResultSchema>;

/** Descriptions a real model reads; the offline model goes by the names alone. */
export const SUPPORT_TOOL_DESCRIPTIONS: Record<SupportToolName, string> = {
  lookup:
    "Look up the customer's question in the organization's database (the customer's own records and the organization's public data) and knowledge base (help articles). Call it before answering any question about the customer's account or records, what the organization offers, or its policies.",
  escalate: "Hand the conversation to a person on the support team, when the customer asks for one.",
  resolve: "Mark the conversation as resolved, when the customer says their problem is solved.",
};

/**
 * Agent actions (admin-defined HTTP actions) are tools named `action_<name>`. Their result always has
 * `message`, the sentence for the customer (what was done, what waits for whom, or why nothing was
 * done); a refused call also has `refusal`, what the model should fix (e.g. a missing input).
 */
export const ACTION_TOOL_PREFIX = "action_";

export const actionResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  refusal: z.string().optional(),
  status: z.string().optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;
