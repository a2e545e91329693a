import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { normalizeLineBreaks, textProblem } from "../lib/textRules";
import { membershipOf } from "../organizations/model";
import type { Member } from "../organizations/roles";
import type { vConversationEvent } from "./tables";

/* How operators work a conversation together: assignment, notes and who wrote what. No functions here. */

export type ConversationEvent = Infer<typeof vConversationEvent>;

export const MAX_NOTE_CHARS = 5_000;

/** The conversation, when it is `member`'s organization's; "not found" for missing and foreign alike. */
export async function inOrganization(
  ctx: QueryCtx,
  member: Member,
  conversationId: Id<"conversations">,
): Promise<Doc<"conversations">> {
  const conversation = await ctx.db.get(conversationId);
  if (conversation === null || conversation.organizationId !== member.organizationId) {
    throw appError("not_found", "This conversation does not exist in this organization.");
  }
  return conversation;
}

async function addEvent(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  event: ConversationEvent,
): Promise<Id<"conversationEvents">> {
  return await ctx.db.insert("conversationEvents", {
    organizationId: conversation.organizationId,
    conversationId: conversation._id,
    // Only an operator joining or leaving is the customer's business; notes and assignment lines are not.
    shownToContact: event.kind === "joined" || event.kind === "left",
    event,
  });
}

/**
 * Gives the conversation to `to` (a member of its organization) or to nobody: the thread shows who did
 * it, the widget that an operator joined or left, and the audit log keeps it. Assigning to the current
 * assignee changes nothing.
 */
export async function assignConversation(
  ctx: MutationCtx,
  member: Member,
  conversation: Doc<"conversations">,
  to: Id<"users"> | undefined,
): Promise<void> {
  const from = conversation.assignee;
  if (from === to) return;
  if (to !== undefined) await membershipOf(ctx, conversation.organizationId, to);
  await ctx.db.patch(conversation._id, { assignee: to });
  await addEvent(ctx, conversation, { kind: "assigned", by: member.userId, from, to });
  if (from !== undefined) await addEvent(ctx, conversation, { kind: "left", userId: from });
  if (to !== undefined) await addEvent(ctx, conversation, { kind: "joined", userId: to });
  await ctx.db.insert("auditEvents", {
    organizationId: conversation.organizationId,
    actor: { kind: "member", userId: member.userId },
    operation: "assign_conversation",
    durationMs: 0,
    outcome: { kind: "ok" },
  });
}

/** A note's text: trimmed, 1 to 5,000 characters of text. */
export function validateNoteText(text: string): string {
  const trimmed = normalizeLineBreaks(text).trim();
  const problem =
    trimmed.length === 0
      ? "must not be empty"
      : trimmed.length > MAX_NOTE_CHARS
        ? `must be at most ${MAX_NOTE_CHARS} characters`
        : textProblem(trimmed, "multiline");
  if (problem !== null) {
    throw appError("invalid_input", `The note ${problem}.`, {
      fields: [{ field: "text", message: problem }],
    });
  }
  return trimmed;
}

export async function addNote(
  ctx: MutationCtx,
  member: Member,
  conversation: Doc<"conversations">,
  text: string,
): Promise<Id<"conversationEvents">> {
  return await addEvent(ctx, conversation, { kind: "note", by: member.userId, text: validateNoteText(text) });
}

/** Remembers which operator wrote a thread message, for their name in the inbox and the widget. */
export async function recordOperatorMessage(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  messageId: string,
  userId: Id<"users">,
): Promise<void> {
  await ctx.db.insert("operatorMessages", { conversationId, messageId, userId });
}

/** What a teammate is called in the inbox and the widget: name, else e-mail's local part, else "Operator". */
export async function personOf(
  ctx: QueryCtx,
  userId: Id<"users">,
): Promise<{ userId: Id<"users">; name: string; image: string | null }> {
  const user = await ctx.db.get(userId);
  const name = user?.name?.trim() || user?.email?.split("@")[0] || "Operator";
  return { userId, name, image: user?.image ?? null };
}
