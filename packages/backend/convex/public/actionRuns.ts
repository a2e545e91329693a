import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { mutation, query, type QueryCtx } from "../_generated/server";
import { customerMessage, titleOf } from "../agentActions/messages";
import { redactedInputs } from "../agentActions/model";
import { decideRun } from "../agentActions/runs";
import { vInputValue, vRunInput, vRunStatus } from "../agentActions/tables";
import { requireContactSession } from "../contacts/sessionToken";
import { requireOwnConversation } from "../conversations/model";
import { appError } from "../lib/errors";

/*
 * The widget's action cards: the runs of the visitor's own conversation, and Confirm / Cancel for one
 * waiting for them. A run of another conversation is "not found", whoever asks.
 */

const vContactRun = v.object({
  runId: v.id("actionRuns"),
  createdAt: v.number(),
  title: v.string(),
  /** Exactly what will happen (or happened). */
  summary: v.string(),
  status: vRunStatus,
  /** The sentence the agent says about the run's current state. */
  message: v.string(),
  inputs: v.array(vRunInput),
  expiresAt: v.number(),
  result: v.array(v.object({ field: v.string(), value: vInputValue })),
});

function contactRun(run: Doc<"actionRuns">) {
  return {
    runId: run._id,
    createdAt: run._creationTime,
    title: titleOf(run.actionName),
    summary: run.summary,
    status: run.status,
    message: customerMessage(run),
    inputs: redactedInputs(run.inputs),
    expiresAt: run.expiresAt,
    result: run.result?.fields ?? [],
  };
}

export const listForConversation = query({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: v.array(vContactRun),
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    await requireOwnConversation(ctx, session, conversationId);
    const runs = await ctx.db
      .query("actionRuns")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .take(100);
    return runs.map(contactRun);
  },
});

async function ownRun(ctx: QueryCtx, sessionToken: string, runId: Doc<"actionRuns">["_id"]) {
  const session = await requireContactSession(ctx, sessionToken);
  const run = await ctx.db.get(runId);
  if (run === null) throw appError("not_found", "This request does not exist in this chat.");
  // The conversation must be the session's own: the same answer as a missing run.
  await requireOwnConversation(ctx, session, run.conversationId).catch(() => {
    throw appError("not_found", "This request does not exist in this chat.");
  });
  return run;
}

export const confirm = mutation({
  args: { sessionToken: v.string(), runId: v.id("actionRuns") },
  returns: vContactRun,
  handler: async (ctx, { sessionToken, runId }) => {
    const run = await ownRun(ctx, sessionToken, runId);
    return contactRun(await decideRun(ctx, run, { kind: "customer" }, "approve"));
  },
});

export const cancel = mutation({
  args: { sessionToken: v.string(), runId: v.id("actionRuns") },
  returns: vContactRun,
  handler: async (ctx, { sessionToken, runId }) => {
    const run = await ownRun(ctx, sessionToken, runId);
    return contactRun(await decideRun(ctx, run, { kind: "customer" }, "reject"));
  },
});
