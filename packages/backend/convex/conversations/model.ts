import { listStreams, syncStreams, type StreamArgs } from "@convex-dev/agent";
import { v, type Infer } from "convex/values";
import { components } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { normalizeLineBreaks, textProblem } from "../lib/textRules";
import { recordOperatorMessage, recordStatusChange } from "../satisfaction/escalations";
import { MAX_MESSAGE_CHARS } from "../shared/messages";
import type { vConversationStatus } from "./tables";
import { emitEvent } from "../webhooks/events";

/* Conversation rules shared by the widget's, the dashboard's and the agent's functions. */

export type ConversationStatus = Infer<typeof vConversationStatus>;

const PREVIEW_CHARS = 120;

/** What the widget may see of a conversation: no organization or operator details. */
export const vContactConversation = v.object({
  conversationId: v.id("conversations"),
  status: v.union(v.literal("unresolved"), v.literal("escalated"), v.literal("resolved")),
  preview: v.string(),
  lastMessageAt: v.number(),
});

export function contactConversation(doc: Doc<"conversations">): Infer<typeof vContactConversation> {
  return {
    conversationId: doc._id,
    status: doc.status.kind,
    preview: doc.preview,
    lastMessageAt: doc.lastMessageAt,
  };
}

/** The binding every public function checks: the conversation belongs to this contact session. */
export async function requireOwnConversation(
  ctx: QueryCtx,
  session: Doc<"contactSessions">,
  conversationId: Id<"conversations">,
): Promise<Doc<"conversations">> {
  const conversation = await ctx.db.get(conversationId);
  if (conversation === null || conversation.contactSessionId !== session._id) {
    // The same answer for "missing" and "someone else's": nothing to learn by guessing ids.
    throw appError("not_found", "This conversation does not exist in this chat session.");
  }
  return conversation;
}

/**
 * A message's text as sent: trimmed, line breaks as `\n`, non-empty, at most 10,000 characters, text
 * only (`lib/textRules.ts`: no control characters but tab and line breaks, no unpaired surrogates, no
 * U+FFFD from a bad decode). The error names the problem; the client still holds what was typed.
 */
export function validateMessageText(text: string): string {
  const trimmed = normalizeLineBreaks(text).trim();
  if (trimmed.length === 0) {
    throw appError("invalid_input", "Type a message first.", {
      fields: [{ field: "text", message: "must not be empty" }],
    });
  }
  if (trimmed.length > MAX_MESSAGE_CHARS) {
    throw appError(
      "invalid_input",
      `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters (this one has ${trimmed.length.toLocaleString("en-US")}); shorten it or send it in parts.`,
      { fields: [{ field: "text", message: `must be at most ${MAX_MESSAGE_CHARS} characters` }] },
    );
  }
  // Control characters, broken UTF-16 or replacement characters mean binary data was pasted or sent; the
  // agent cannot answer it and it should not land in a transcript.
  const problem =
    textProblem(trimmed, "multiline") ??
    (trimmed.includes("\ufffd") ? "must not contain U+FFFD (what a bad decode of binary data leaves)" : null);
  if (problem !== null) {
    throw appError(
      "invalid_input",
      "This message contains binary data or characters that are not text; send text only.",
      {
        fields: [{ field: "text", message: problem }],
      },
    );
  }
  return trimmed;
}

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

/** How much text the inbox search keeps per conversation: the customer, then the latest messages. */
const SEARCH_TEXT_CHARS = 16_000;

/** The search text's head: who the customer is. */
export async function contactSearchText(
  ctx: QueryCtx,
  contactSessionId: Id<"contactSessions">,
): Promise<string> {
  const session = await ctx.db.get(contactSessionId);
  return session === null ? "" : `${session.name} ${session.email}\n`;
}

async function searchTextWith(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  text: string,
): Promise<string> {
  const head = await contactSearchText(ctx, conversation.contactSessionId);
  const previous = conversation.searchText?.startsWith(head)
    ? conversation.searchText.slice(head.length)
    : "";
  const body = `${previous}${text}\n`;
  return head + body.slice(Math.max(0, body.length - (SEARCH_TEXT_CHARS - head.length)));
}

/** Records a new message on the conversation for lists, unread counts and the inbox search. */
export async function noteMessage(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  text: string,
  from: "contact" | "agent" | "operator",
): Promise<void> {
  const now = Date.now();
  if (from === "operator") await recordOperatorMessage(ctx, conversation._id, now);
  await ctx.db.patch(conversation._id, {
    searchText: await searchTextWith(ctx, conversation, text),
    preview: previewOf(text),
    lastMessageAt: now,
    ...(from === "contact" && { lastContactMessageAt: now }),
    unreadByOperators:
      from === "contact" ? conversation.unreadByOperators + 1 : conversation.unreadByOperators,
  });
  await emitEvent(ctx, conversation.organizationId, "message.created", {
    conversationId: conversation._id,
    author: from,
  });
}

export async function setConversationStatus(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  status: ConversationStatus,
): Promise<void> {
  await recordStatusChange(ctx, conversation, status);
  await ctx.db.patch(conversation._id, { status });
  if (status.kind !== "unresolved" && conversation.status.kind !== status.kind)
    await emitEvent(ctx, conversation.organizationId, `conversation.${status.kind}`, {
      conversationId: conversation._id,
      by: status.by.kind,
      ...(status.kind === "escalated" && { reason: status.reason }),
    });
}

/**
 * A thread's streaming replies for `streamArgs`, with delta cursors narrowed to the thread's own
 * streams: the agent component reads deltas by stream id alone, so without this a caller bound to one
 * conversation could read another's reply in progress by passing its stream id. Every function that
 * serves streams (the widget's and the inbox's) goes through here.
 */
export async function syncThreadStreams(ctx: QueryCtx, threadId: string, streamArgs: StreamArgs) {
  if (streamArgs?.kind !== "deltas")
    return await syncStreams(ctx, components.agent, { threadId, streamArgs });
  const streams = await listStreams(ctx, components.agent, {
    threadId,
    includeStatuses: ["streaming", "finished", "aborted"],
  });
  const own = new Set(streams.map((stream) => stream.streamId));
  const cursors = streamArgs.cursors.filter((cursor) => own.has(cursor.streamId));
  return await syncStreams(ctx, components.agent, { threadId, streamArgs: { kind: "deltas", cursors } });
}
