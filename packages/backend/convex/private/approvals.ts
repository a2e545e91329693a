import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { runView, vRunView } from "../agentActions/model";
import { decideRun } from "../agentActions/runs";
import { vRunStatus } from "../agentActions/tables";
import { appError, isAppError } from "../lib/errors";
import { memberMutation, memberQuery } from "../lib/functions";
import type { MutationCtx } from "../_generated/server";

/*
 * The Approvals queue (every member of the organization: operators decide). Inputs an admin marked
 * redacted are shown as [redacted]. A run decided twice, or after it expired, is refused and unchanged.
 */

const MAX_LISTED = 200;
const MAX_BULK = 50;
const PRIORITY_ORDER = { high: 0, normal: 1, low: 2 } as const;

/** Waiting runs, highest priority first, then oldest first (it expires soonest). */
export const listPending = memberQuery({
  args: {},
  returns: v.array(vRunView),
  handler: async (ctx) => {
    const runs = await ctx.db
      .query("actionRuns")
      .withIndex("by_organizationId_and_status", (q) =>
        q.eq("organizationId", ctx.member.organizationId).eq("status", "pending_approval"),
      )
      .take(MAX_LISTED);
    return await Promise.all(
      runs
        .sort(
          (a, b) =>
            PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a._creationTime - b._creationTime,
        )
        .map((run) => runView(ctx, run)),
    );
  },
});

/** The latest runs in one status (the queue's history tabs: approved, rejected, expired, succeeded, failed…). */
export const listByStatus = memberQuery({
  args: { status: vRunStatus, limit: v.optional(v.number()) },
  returns: v.array(vRunView),
  handler: async (ctx, { status, limit }) => {
    const runs = await ctx.db
      .query("actionRuns")
      .withIndex("by_organizationId_and_status", (q) =>
        q.eq("organizationId", ctx.member.organizationId).eq("status", status),
      )
      .order("desc")
      .take(Math.min(Math.max(1, limit ?? 50), MAX_LISTED));
    return await Promise.all(runs.map((run) => runView(ctx, run)));
  },
});

/** Every run of one conversation, oldest first: the inbox thread shows them beside the messages. */
export const listForConversation = memberQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.array(vRunView),
  handler: async (ctx, { conversationId }) => {
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null || conversation.organizationId !== ctx.member.organizationId)
      throw appError("not_found", "This conversation does not exist.");
    const runs = await ctx.db
      .query("actionRuns")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .take(MAX_LISTED);
    return await Promise.all(runs.map((run) => runView(ctx, run)));
  },
});

const vDecisionArgs = {
  decision: v.union(v.literal("approve"), v.literal("reject")),
  reason: v.optional(v.string()),
};

async function decideOne(
  ctx: MutationCtx & { member: { organizationId: Doc<"organizations">["_id"]; userId: Doc<"users">["_id"] } },
  runId: Doc<"actionRuns">["_id"],
  decision: "approve" | "reject",
  reason: string | undefined,
) {
  const run = await ctx.db.get(runId);
  if (run === null || run.organizationId !== ctx.member.organizationId)
    throw appError("not_found", "This request does not exist.");
  return await decideRun(ctx, run, { kind: "member", userId: ctx.member.userId }, decision, reason);
}

export const decide = memberMutation({
  args: { runId: v.id("actionRuns"), ...vDecisionArgs },
  returns: vRunView,
  handler: async (ctx, { runId, decision, reason }) =>
    await runView(ctx, await decideOne(ctx, runId, decision, reason)),
});

/**
 * The same decision for several runs; each is decided on its own, and one already decided or expired
 * does not stop the others (it is reported with its code, unchanged).
 */
export const decideMany = memberMutation({
  args: { runIds: v.array(v.id("actionRuns")), ...vDecisionArgs },
  returns: v.array(
    v.object({
      runId: v.id("actionRuns"),
      outcome: v.union(
        v.object({ kind: v.literal("ok"), status: vRunStatus }),
        v.object({ kind: v.literal("error"), code: v.string(), message: v.string() }),
      ),
    }),
  ),
  handler: async (ctx, { runIds, decision, reason }) => {
    if (runIds.length > MAX_BULK)
      throw appError("invalid_input", `Decide at most ${MAX_BULK} requests at once.`);
    const outcomes = [];
    for (const runId of new Set(runIds)) {
      try {
        const run = await decideOne(ctx, runId, decision, reason);
        outcomes.push({ runId, outcome: { kind: "ok" as const, status: run.status } });
      } catch (error) {
        if (!isAppError(error)) throw error;
        outcomes.push({
          runId,
          outcome: { kind: "error" as const, code: error.data.code, message: error.data.message },
        });
      }
    }
    return outcomes;
  },
});
