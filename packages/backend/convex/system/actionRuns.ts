import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { customerMessage } from "../agentActions/messages";
import { auditAction, describeInputs } from "../agentActions/model";
import { eventData, expireRun, followUp, requestRun } from "../agentActions/runs";
import {
  vActionKind,
  vContextInput,
  vInsertTarget,
  vInputValue,
  vRunError,
  vRunInput,
  vRunResult,
  vRunStatus,
  vSealedHeader,
} from "../agentActions/tables";

const vSealedSecret = v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() });
import { emitEvent } from "../webhooks/events";

/*
 * The agent's and the executor's side of actions. Scheduled functions get run ids only; sealed header
 * values and write credentials are read here and handed to the Node executor as a return value, never
 * as an argument.
 */

const vToolAction = v.object({
  actionId: v.id("agentActions"),
  name: v.string(),
  description: v.string(),
  kind: vActionKind,
  modelInputSchema: v.string(),
});

/** The organization's enabled actions, as the agent's tools describe them. */
export const toolActions = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(vToolAction),
  handler: async (ctx, { organizationId }) => {
    const actions = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .collect();
    return actions
      .filter((action) => action.enabled)
      .map((action) => ({
        actionId: action._id,
        name: action.name,
        description: action.description,
        kind: action.kind,
        modelInputSchema: action.modelInputSchema,
      }));
  },
});

/** A run requested by the agent in a conversation; the refusal (bad input, unverified) is for the model. */
export const request = internalMutation({
  args: {
    actionId: v.id("agentActions"),
    conversationId: v.id("conversations"),
    modelInput: v.any(),
    /** Owner-path identity inputs, read by the server for this conversation's verified customer. */
    ownerValues: v.optional(v.array(v.object({ name: v.string(), value: vInputValue }))),
  },
  returns: v.union(
    v.object({ ok: v.literal(false), refusal: v.string() }),
    v.object({ ok: v.literal(true), runId: v.id("actionRuns"), status: vRunStatus, message: v.string() }),
  ),
  handler: async (ctx, { actionId, conversationId, modelInput, ownerValues }) => {
    const [action, conversation] = await Promise.all([ctx.db.get(actionId), ctx.db.get(conversationId)]);
    if (
      action === null ||
      !action.enabled ||
      conversation === null ||
      action.organizationId !== conversation.organizationId
    )
      return { ok: false as const, refusal: "This action is not available." };
    return await requestRun(ctx, action, conversation, modelInput, ownerValues ?? []);
  },
});

/**
 * What the server must read before a run of `actionId` is requested: its owner-path identity inputs,
 * and whose rows they come from (the conversation's verified owner key; null for a visitor).
 */
export const ownerInputs = internalQuery({
  args: { actionId: v.id("agentActions"), conversationId: v.id("conversations") },
  returns: v.union(
    v.null(),
    v.object({
      organizationId: v.id("organizations"),
      contactSessionId: v.id("contactSessions"),
      ownerKey: v.union(v.string(), v.null()),
      inputs: v.array(
        v.object({ name: v.string(), schema: v.string(), table: v.string(), column: v.string() }),
      ),
    }),
  ),
  handler: async (ctx, { actionId, conversationId }) => {
    const [action, conversation] = await Promise.all([ctx.db.get(actionId), ctx.db.get(conversationId)]);
    if (action === null || conversation === null || action.organizationId !== conversation.organizationId)
      return null;
    const inputs = action.contextInputs.flatMap((input) =>
      input.from === "customer.column"
        ? [{ name: input.name, schema: input.schema, table: input.table, column: input.column }]
        : [],
    );
    const session = await ctx.db.get(conversation.contactSessionId);
    return {
      organizationId: action.organizationId,
      contactSessionId: conversation.contactSessionId,
      ownerKey: session?.identity.kind === "verified" ? session.identity.ownerKey : null,
      inputs,
    };
  },
});

const vDefinition = v.object({
  _id: v.id("agentActions"),
  organizationId: v.id("organizations"),
  name: v.string(),
  kind: vActionKind,
  method: v.union(
    v.literal("GET"),
    v.literal("POST"),
    v.literal("PUT"),
    v.literal("PATCH"),
    v.literal("DELETE"),
  ),
  urlTemplate: v.string(),
  bodyTemplate: v.optional(v.string()),
  headers: v.array(v.object({ name: v.string(), value: v.optional(v.string()), secret: v.boolean() })),
  idempotencyKeyHeader: v.optional(v.string()),
  timeoutMs: v.number(),
  responseFields: v.array(v.object({ field: v.string(), pointer: v.string() })),
  modelInputSchema: v.string(),
  contextInputs: v.array(vContextInput),
  insert: v.optional(vInsertTarget),
});
const vNetwork = v.union(v.literal("public_internet"), v.literal("private_networks"));

async function loadForCall(ctx: QueryCtx, action: Doc<"agentActions">) {
  const [secrets, organization] = await Promise.all([
    ctx.db
      .query("agentActionSecrets")
      .withIndex("by_actionId", (q) => q.eq("actionId", action._id))
      .unique(),
    ctx.db.get(action.organizationId),
  ]);
  return {
    action: {
      _id: action._id,
      organizationId: action.organizationId,
      name: action.name,
      kind: action.kind,
      method: action.method,
      urlTemplate: action.urlTemplate,
      ...(action.bodyTemplate === undefined ? {} : { bodyTemplate: action.bodyTemplate }),
      headers: action.headers,
      ...(action.idempotencyKeyHeader === undefined
        ? {}
        : { idempotencyKeyHeader: action.idempotencyKeyHeader }),
      timeoutMs: action.timeoutMs,
      responseFields: action.responseFields,
      modelInputSchema: action.modelInputSchema,
      contextInputs: action.contextInputs,
      ...(action.insert === undefined ? {} : { insert: action.insert }),
    },
    sealed: secrets?.headers ?? [],
    writeCredential: secrets?.writeCredential ?? null,
    network: organization?.networkAccess ?? ("public_internet" as const),
  };
}

/** An approved run becomes running (once: a second claim gets null), with what the executor needs. */
export const claim = internalMutation({
  args: { runId: v.id("actionRuns") },
  returns: v.union(
    v.null(),
    v.object({
      inputs: v.array(vRunInput),
      action: vDefinition,
      sealed: v.array(vSealedHeader),
      writeCredential: v.union(v.null(), vSealedSecret),
      network: vNetwork,
    }),
  ),
  handler: async (ctx, { runId }) => {
    const run = await ctx.db.get(runId);
    if (run === null || run.status !== "approved") return null;
    const action = await ctx.db.get(run.actionId);
    if (action === null) {
      await ctx.db.patch(run._id, {
        status: "failed",
        finishedAt: Date.now(),
        error: {
          code: "not_found",
          message: "this action is no longer available",
          detail: "The action was removed after the run was requested.",
        },
      });
      await followUp(ctx, (await ctx.db.get(run._id))!);
      return null;
    }
    await ctx.db.patch(run._id, { status: "running", attempts: run.attempts + 1 });
    return { inputs: run.inputs, ...(await loadForCall(ctx, action)) };
  },
});

/** "Test action": the organization's action with what a call needs (its sealed headers stay sealed here). */
export const forTest = internalQuery({
  args: { organizationId: v.id("organizations"), actionId: v.id("agentActions") },
  returns: v.union(
    v.null(),
    v.object({
      action: vDefinition,
      sealed: v.array(vSealedHeader),
      writeCredential: v.union(v.null(), vSealedSecret),
      network: vNetwork,
    }),
  ),
  handler: async (ctx, { organizationId, actionId }) => {
    const action = await ctx.db.get(actionId);
    if (action === null || action.organizationId !== organizationId) return null;
    return await loadForCall(ctx, action);
  },
});

/**
 * The call's outcome: the run ends succeeded or failed, the call is audited (inputs redacted), the
 * webhook event sent, and — unless the agent is telling the customer in its reply right now — the
 * customer hears back in the conversation. Returns what the customer is told.
 */
export const record = internalMutation({
  args: {
    runId: v.id("actionRuns"),
    result: v.optional(vRunResult),
    error: v.optional(vRunError),
    durationMs: v.number(),
    followUp: v.boolean(),
  },
  returns: v.string(),
  handler: async (ctx, { runId, result, error, durationMs, followUp: follow }) => {
    const run = await ctx.db.get(runId);
    if (run === null || run.status !== "running") return "";
    await ctx.db.patch(run._id, {
      status: error === undefined ? "succeeded" : "failed",
      ...(result === undefined ? {} : { result }),
      ...(error === undefined ? {} : { error }),
      finishedAt: Date.now(),
    });
    const done = (await ctx.db.get(run._id))!;
    await auditAction(ctx, {
      organizationId: run.organizationId,
      actor: { kind: "contact", contactId: run.requester.contactSessionId },
      operation: "action_call",
      action: run.actionName,
      detail: describeInputs(run.inputs),
      durationMs,
      ...((result?.httpStatus ?? error?.httpStatus) === undefined || run.kind === "db_insert"
        ? {}
        : { httpStatus: result?.httpStatus ?? error?.httpStatus }),
      ...(error === undefined ? {} : { errorCode: error.code }),
    });
    await emitEvent(
      ctx,
      run.organizationId,
      error === undefined ? "action.succeeded" : "action.failed",
      eventData(done),
    );
    if (follow) await followUp(ctx, done);
    return customerMessage(done);
  },
});

/** Scheduled at the run's expiresAt: a run still waiting then expires (decided ones are left alone). */
export const expire = internalMutation({
  args: { runId: v.id("actionRuns") },
  returns: v.null(),
  handler: async (ctx, { runId }) => {
    await expireRun(ctx, runId);
    return null;
  },
});

/** An audit entry for "Test action" (no run: nothing is recorded on a conversation). */
export const auditTest = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    userId: v.id("users"),
    action: v.string(),
    inputs: v.array(v.object({ name: v.string(), value: vInputValue, redacted: v.boolean() })),
    durationMs: v.number(),
    httpStatus: v.optional(v.number()),
    errorCode: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await auditAction(ctx, {
      organizationId: args.organizationId,
      actor: { kind: "member", userId: args.userId },
      operation: "action_call",
      action: args.action,
      detail: `test: ${describeInputs(args.inputs)}`,
      durationMs: args.durationMs,
      ...(args.httpStatus === undefined ? {} : { httpStatus: args.httpStatus }),
      ...(args.errorCode === undefined ? {} : { errorCode: args.errorCode }),
    });
    return null;
  },
});
