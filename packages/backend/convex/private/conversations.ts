import { listMessages, saveMessage, vStreamArgs, vStreamMessagesReturnValue } from "@convex-dev/agent";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { components } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import {
  noteMessage,
  setConversationStatus,
  syncThreadStreams,
  validateMessageText,
} from "../conversations/model";
import { answerRecordFields, conversationFields } from "../conversations/tables";
import { memberMutation, memberQuery } from "../lib/functions";
import { requireCleanText } from "../lib/textRules";
import { assignConversation, inOrganization, recordOperatorMessage } from "../conversations/team";

/* The dashboard's inbox: conversations with their contact, the thread, operator replies and status. */

const vStatusKind = v.union(v.literal("unresolved"), v.literal("escalated"), v.literal("resolved"));

// Without the search text: a page of the inbox carries what the rows show.
const { searchText: _searchText, ...listedFields } = conversationFields;

const vInboxConversation = v.object({
  _id: v.id("conversations"),
  _creationTime: v.number(),
  ...listedFields,
  contact: v.object({ name: v.string(), email: v.string(), verified: v.boolean() }),
});

async function withContact(ctx: QueryCtx, conversation: Doc<"conversations">) {
  const session = await ctx.db.get(conversation.contactSessionId);
  const { searchText: _searchText, ...listed } = conversation;
  return {
    ...listed,
    contact: {
      name: session?.name ?? "Unknown",
      email: session?.email ?? "",
      verified: session?.identity.kind === "verified",
    },
  };
}

const vAssigneeFilter = v.union(v.literal("mine"), v.literal("unassigned"));

/** Newest activity first, optionally one status only and only mine or only unassigned ones. */
export const list = memberQuery({
  args: {
    status: v.optional(vStatusKind),
    assignee: v.optional(vAssigneeFilter),
    paginationOpts: paginationOptsValidator,
  },
  returns: v.object({
    page: v.array(vInboxConversation),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { status, assignee, paginationOpts }) => {
    const organizationId = ctx.member.organizationId;
    const conversations = ctx.db.query("conversations");
    // "unassigned" is an absent field, which an index matches with `undefined`.
    const who = assignee === undefined ? null : assignee === "mine" ? ctx.member.userId : undefined;
    const query =
      who === null
        ? status === undefined
          ? conversations.withIndex("by_organizationId_and_lastMessageAt", (q) =>
              q.eq("organizationId", organizationId),
            )
          : conversations.withIndex("by_organizationId_and_status_and_lastMessageAt", (q) =>
              q.eq("organizationId", organizationId).eq("status.kind", status),
            )
        : status === undefined
          ? conversations.withIndex("by_organizationId_and_assignee_and_lastMessageAt", (q) =>
              q.eq("organizationId", organizationId).eq("assignee", who),
            )
          : conversations.withIndex("by_organizationId_and_assignee_and_status_and_lastMessageAt", (q) =>
              q.eq("organizationId", organizationId).eq("assignee", who).eq("status.kind", status),
            );
    const result = await query.order("desc").paginate(paginationOpts);
    return { ...result, page: await Promise.all(result.page.map((c) => withContact(ctx, c))) };
  },
});

/**
 * Conversations whose customer name, e-mail or message text match `query` (full-text: words, the last
 * one as a prefix), best match first, at most 20.
 */
export const search = memberQuery({
  args: { query: v.string() },
  returns: v.array(vInboxConversation),
  handler: async (ctx, { query }) => {
    const terms = query.trim().slice(0, 200);
    if (terms === "") return [];
    const found = await ctx.db
      .query("conversations")
      .withSearchIndex("search_searchText", (q) =>
        q.search("searchText", terms).eq("organizationId", ctx.member.organizationId),
      )
      .take(20);
    return await Promise.all(found.map((c) => withContact(ctx, c)));
  },
});

export const get = memberQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.object({
    conversation: vInboxConversation,
    answers: v.array(
      v.object({ _id: v.id("answerRecords"), _creationTime: v.number(), ...answerRecordFields }),
    ),
  }),
  handler: async (ctx, { conversationId }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    const answers = await ctx.db
      .query("answerRecords")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .collect();
    return { conversation: await withContact(ctx, conversation), answers };
  },
});

/**
 * A conversation id from outside the app (a link, the address bar) checked against this organization:
 * the id, or null when it is malformed, gone or another organization's, so the page can say so plainly.
 */
export const find = memberQuery({
  args: { conversationId: v.string() },
  returns: v.union(v.id("conversations"), v.null()),
  handler: async (ctx, { conversationId }) => {
    const id = ctx.db.normalizeId("conversations", conversationId);
    if (id === null) return null;
    const conversation = await ctx.db.get(id);
    return conversation?.organizationId === ctx.member.organizationId ? id : null;
  },
});

/**
 * The thread with tool calls and results: operators see what the agent looked up. With `streamArgs`
 * it also gives the reply being written (only streams still `streaming`, so the saved message and its
 * stream never show at once), the way the widget's `public/messages:list` does.
 */
export const messages = memberQuery({
  args: {
    conversationId: v.id("conversations"),
    paginationOpts: paginationOptsValidator,
    streamArgs: v.optional(vStreamArgs),
  },
  returns: vStreamMessagesReturnValue,
  handler: async (ctx, { conversationId, paginationOpts, streamArgs }) => {
    const { threadId } = await inOrganization(ctx, ctx.member, conversationId);
    const paginated = await listMessages(ctx, components.agent, { threadId, paginationOpts });
    const streams = await syncThreadStreams(ctx, threadId, streamArgs);
    return { ...paginated, streams };
  },
});

export const markRead = memberMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    if (conversation.unreadByOperators !== 0) await ctx.db.patch(conversationId, { unreadByOperators: 0 });
    return null;
  },
});

/** An operator's reply. A person answering takes the conversation over, so the agent stays silent. */
export const reply = memberMutation({
  args: { conversationId: v.id("conversations"), text: v.string() },
  returns: v.object({ messageId: v.string() }),
  handler: async (ctx, { conversationId, text }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    const content = validateMessageText(text);
    const { messageId } = await saveMessage(ctx, components.agent, {
      threadId: conversation.threadId,
      agentName: "operator",
      message: { role: "assistant", content },
    });
    await recordOperatorMessage(ctx, conversationId, messageId, ctx.member.userId);
    await noteMessage(ctx, conversation, content, "operator");
    // Whoever answers a conversation nobody has takes it.
    if (conversation.assignee === undefined) {
      await assignConversation(ctx, ctx.member, conversation, ctx.member.userId);
    }
    if (conversation.status.kind !== "escalated") {
      await setConversationStatus(ctx, conversation, {
        kind: "escalated",
        reason: "An operator replied.",
        at: Date.now(),
        by: { kind: "operator", userId: ctx.member.userId },
      });
    }
    await ctx.db.patch(conversationId, { unreadByOperators: 0 });
    return { messageId };
  },
});

/** Escalate (take over), resolve, or hand back to the agent ("unresolved"). */
export const setStatus = memberMutation({
  args: { conversationId: v.id("conversations"), status: vStatusKind, reason: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { conversationId, status, reason }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    if (reason !== undefined) requireCleanText("reason", reason.trim());
    const by = { kind: "operator" as const, userId: ctx.member.userId };
    const at = Date.now();
    await setConversationStatus(
      ctx,
      conversation,
      status === "unresolved"
        ? { kind: "unresolved" }
        : status === "escalated"
          ? { kind: "escalated", reason: reason?.trim() || "An operator took the conversation over.", at, by }
          : { kind: "resolved", at, by },
    );
    return null;
  },
});
