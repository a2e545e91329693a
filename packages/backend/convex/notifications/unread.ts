import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/*
 * What is unread for one operator, and why. A conversation is unread for them when either
 *   - it is escalated and they have not opened its thread since it was escalated ("escalation"), or
 *   - it is assigned to them and the customer wrote after they last opened it ("reply").
 * Each operator has their own read markers: one opening a thread does not clear it for the others.
 */

/** Conversations read per kind and call, newest activity first: the count says "50+" past it. */
export const MAX_READ = 50;

export type UnreadReason = { kind: "escalation" | "reply"; at: number };

/** Why `conversation` is unread for someone who last opened it at `openedAt` (null: never), or null. */
export function unreadReason(
  conversation: Doc<"conversations">,
  userId: Id<"users">,
  openedAt: number | null,
): UnreadReason | null {
  const seen = openedAt ?? Number.NEGATIVE_INFINITY;
  const reply =
    conversation.assignee === userId &&
    conversation.lastContactMessageAt !== undefined &&
    conversation.lastContactMessageAt > seen
      ? conversation.lastContactMessageAt
      : null;
  const escalation =
    conversation.status.kind === "escalated" && conversation.status.at > seen ? conversation.status.at : null;
  // The newer reason names it: a reply to an escalation I have not opened is still news of a reply.
  if (reply !== null && (escalation === null || reply >= escalation)) return { kind: "reply", at: reply };
  return escalation === null ? null : { kind: "escalation", at: escalation };
}

/** The escalated conversations and those assigned to `userId`, each once, with whether more exist. */
export async function candidatesFor(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  userId: Id<"users">,
): Promise<{ conversations: Doc<"conversations">[]; capped: boolean }> {
  const [escalated, mine] = await Promise.all([
    ctx.db
      .query("conversations")
      .withIndex("by_organizationId_and_status_and_lastMessageAt", (q) =>
        q.eq("organizationId", organizationId).eq("status.kind", "escalated"),
      )
      .order("desc")
      .take(MAX_READ + 1),
    ctx.db
      .query("conversations")
      .withIndex("by_organizationId_and_assignee_and_lastMessageAt", (q) =>
        q.eq("organizationId", organizationId).eq("assignee", userId),
      )
      .order("desc")
      .take(MAX_READ + 1),
  ]);
  const byId = new Map<Id<"conversations">, Doc<"conversations">>();
  for (const conversation of [...escalated.slice(0, MAX_READ), ...mine.slice(0, MAX_READ)])
    byId.set(conversation._id, conversation);
  return { conversations: [...byId.values()], capped: escalated.length > MAX_READ || mine.length > MAX_READ };
}

export async function openedAtOf(
  ctx: QueryCtx,
  userId: Id<"users">,
  conversationId: Id<"conversations">,
): Promise<number | null> {
  const marker = await ctx.db
    .query("operatorReadMarkers")
    .withIndex("by_userId_and_conversationId", (q) =>
      q.eq("userId", userId).eq("conversationId", conversationId),
    )
    .unique();
  return marker?.openedAt ?? null;
}
