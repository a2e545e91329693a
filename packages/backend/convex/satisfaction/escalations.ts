import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { Infer } from "convex/values";
import type { vConversationStatus } from "../conversations/tables";

/*
 * Escalation records follow a conversation's status: called by `conversations/model.ts` on every status
 * change and operator message, so no function that changes a status can skip them.
 */

async function openEscalation(ctx: MutationCtx, conversationId: Id<"conversations">) {
  const latest = await ctx.db
    .query("escalationRecords")
    .withIndex("by_conversationId_and_escalatedAt", (q) => q.eq("conversationId", conversationId))
    .order("desc")
    .first();
  return latest?.end.kind === "open" ? latest : null;
}

export async function recordStatusChange(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  status: Infer<typeof vConversationStatus>,
): Promise<void> {
  if (status.kind === "escalated") {
    if (conversation.status.kind === "escalated") return;
    await ctx.db.insert("escalationRecords", {
      organizationId: conversation.organizationId,
      conversationId: conversation._id,
      raisedBy: status.by.kind,
      escalatedAt: status.at,
      end: { kind: "open" },
    });
    return;
  }
  const open = await openEscalation(ctx, conversation._id);
  if (open === null) return;
  await ctx.db.patch(
    open._id,
    status.kind === "resolved"
      ? { end: { kind: "resolved", at: status.at } }
      : { end: { kind: "handed_back", at: Date.now() } },
  );
}

export async function recordOperatorMessage(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  at: number,
): Promise<void> {
  const open = await openEscalation(ctx, conversationId);
  if (open !== null && open.firstResponseAt === undefined)
    await ctx.db.patch(open._id, { firstResponseAt: at });
}
