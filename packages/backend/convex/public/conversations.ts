import { createThread } from "@convex-dev/agent";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { components } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { mutation, query } from "../_generated/server";
import { requireContactSession } from "../contacts/sessionToken";
import {
  contactConversation,
  contactSearchText,
  requireOwnConversation,
  setConversationStatus,
  vContactConversation,
} from "../conversations/model";
import { emitEvent } from "../webhooks/events";
import { personOf } from "../conversations/team";

/* Called by the widget. Every function resolves the session token first and checks the binding. */

export const start = mutation({
  args: { sessionToken: v.string() },
  returns: vContactConversation,
  handler: async (ctx, { sessionToken }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const threadId = await createThread(ctx, components.agent, { userId: session._id });
    const now = Date.now();
    const conversationId = await ctx.db.insert("conversations", {
      organizationId: session.organizationId,
      contactSessionId: session._id,
      threadId,
      status: { kind: "unresolved" },
      preview: "",
      lastMessageAt: now,
      unreadByOperators: 0,
      channel: "widget",
      searchText: await contactSearchText(ctx, session._id),
    });
    await emitEvent(ctx, session.organizationId, "conversation.created", {
      conversationId,
      channel: "widget",
    });
    return { conversationId, status: "unresolved" as const, preview: "", lastMessageAt: now };
  },
});

/** The contact's conversations in this session, newest first. */
export const list = query({
  args: { sessionToken: v.string(), paginationOpts: paginationOptsValidator },
  returns: v.object({
    page: v.array(vContactConversation),
    isDone: v.boolean(),
    continueCursor: v.string(),
  }),
  handler: async (ctx, { sessionToken, paginationOpts }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const result = await ctx.db
      .query("conversations")
      .withIndex("by_contactSessionId_and_lastMessageAt", (q) => q.eq("contactSessionId", session._id))
      .order("desc")
      .paginate(paginationOpts);
    return {
      page: result.page.map(contactConversation),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

export const get = query({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: vContactConversation,
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    return contactConversation(await requireOwnConversation(ctx, session, conversationId));
  },
});

/** The widget's "talk to a person" button: no model involved. */
export const escalate = mutation({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: vContactConversation,
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const conversation = await requireOwnConversation(ctx, session, conversationId);
    if (conversation.status.kind !== "escalated") {
      await setConversationStatus(ctx, conversation, {
        kind: "escalated",
        reason: "The customer asked for a person.",
        at: Date.now(),
        by: { kind: "contact" },
      });
    }
    return { ...contactConversation(conversation), status: "escalated" as const };
  },
});

const vOperator = v.object({ name: v.string(), image: v.union(v.string(), v.null()) });

/**
 * The people on the company's side of the conversation, as the widget shows them: which operator
 * wrote each operator reply, and when operators joined or left. Names and pictures only; the team's
 * notes and assignment lines are not read here.
 */
export const people = query({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: v.object({
    authors: v.array(v.object({ messageId: v.string(), operator: vOperator })),
    notices: v.array(
      v.object({
        at: v.number(),
        kind: v.union(v.literal("joined"), v.literal("left")),
        operator: vOperator,
      }),
    ),
  }),
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    await requireOwnConversation(ctx, session, conversationId);
    const operator = async (userId: Id<"users">) => {
      const { name, image } = await personOf(ctx, userId);
      return { name, image };
    };
    const written = await ctx.db
      .query("operatorMessages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .collect();
    const lines = await ctx.db
      .query("conversationEvents")
      .withIndex("by_conversationId_and_shownToContact", (q) =>
        q.eq("conversationId", conversationId).eq("shownToContact", true),
      )
      .collect();
    const authors = [];
    for (const row of written)
      authors.push({ messageId: row.messageId, operator: await operator(row.userId) });
    const notices = [];
    for (const { _creationTime, event } of lines) {
      if (event.kind === "joined" || event.kind === "left") {
        notices.push({ at: _creationTime, kind: event.kind, operator: await operator(event.userId) });
      }
    }
    return { authors, notices };
  },
});
