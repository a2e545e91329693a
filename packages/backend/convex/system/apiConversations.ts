import { createThread, listMessages, listStreams, saveMessage, syncStreams } from "@convex-dev/agent";
import { v, type Infer } from "convex/values";
import { components, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "../_generated/server";
import { vViewer } from "../access/viewer";
import { apiContactSession, resolveApiCustomer, viewerOf, vApiCustomer } from "../apiKeys/customers";
import {
  contactSearchText,
  noteMessage,
  setConversationStatus,
  validateMessageText,
} from "../conversations/model";
import { addNote } from "../conversations/team";
import { appError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";
import { requireCleanText } from "../lib/textRules";
import { emitEvent } from "../webhooks/events";

/*
 * What the HTTP API does with conversations, always inside the calling key's organization (its id comes
 * from the key, never from the request). A conversation of another organization is "not found", the
 * same answer as a missing one.
 */

const vStatusKind = v.union(v.literal("unresolved"), v.literal("escalated"), v.literal("resolved"));

export const vApiConversation = v.object({
  id: v.string(),
  status: vStatusKind,
  preview: v.string(),
  createdAt: v.number(),
  lastMessageAt: v.number(),
  customer: v.object({ name: v.string(), email: v.string(), verified: v.boolean() }),
});
export type ApiConversation = Infer<typeof vApiConversation>;

async function inOrganization(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  conversationId: string,
): Promise<Doc<"conversations">> {
  const id = ctx.db.normalizeId("conversations", conversationId);
  const conversation = id === null ? null : await ctx.db.get(id);
  if (conversation === null || conversation.organizationId !== organizationId) {
    throw appError("not_found", "This conversation does not exist in this organization.");
  }
  return conversation;
}

async function apiConversation(ctx: QueryCtx, conversation: Doc<"conversations">): Promise<ApiConversation> {
  const session = await ctx.db.get(conversation.contactSessionId);
  return {
    id: conversation._id,
    status: conversation.status.kind,
    preview: conversation.preview,
    createdAt: Math.round(conversation._creationTime),
    lastMessageAt: conversation.lastMessageAt,
    customer: {
      name: session?.name ?? "Unknown",
      email: session?.email ?? "",
      verified: session?.identity.kind === "verified",
    },
  };
}

export const list = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    status: v.optional(vStatusKind),
    cursor: v.union(v.string(), v.null()),
    limit: v.number(),
  },
  returns: v.object({ data: v.array(vApiConversation), nextCursor: v.union(v.string(), v.null()) }),
  handler: async (ctx, { organizationId, status, cursor, limit }) => {
    const query =
      status === undefined
        ? ctx.db
            .query("conversations")
            .withIndex("by_organizationId_and_lastMessageAt", (q) => q.eq("organizationId", organizationId))
        : ctx.db
            .query("conversations")
            .withIndex("by_organizationId_and_status_and_lastMessageAt", (q) =>
              q.eq("organizationId", organizationId).eq("status.kind", status),
            );
    const page = await query.order("desc").paginate({ numItems: limit, cursor });
    return {
      data: await Promise.all(page.page.map((c) => apiConversation(ctx, c))),
      nextCursor: page.isDone ? null : page.continueCursor,
    };
  },
});

export const get = internalQuery({
  args: { organizationId: v.id("organizations"), conversationId: v.string() },
  returns: vApiConversation,
  handler: async (ctx, { organizationId, conversationId }) =>
    await apiConversation(ctx, await inOrganization(ctx, organizationId, conversationId)),
});

const vApiMessage = v.object({
  id: v.string(),
  from: v.union(v.literal("customer"), v.literal("agent"), v.literal("operator")),
  text: v.string(),
  createdAt: v.number(),
});

/** The transcript as the customer and operators read it: tool calls and results stay inside. */
export const messages = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    conversationId: v.string(),
    cursor: v.union(v.string(), v.null()),
    limit: v.number(),
  },
  returns: v.object({ data: v.array(vApiMessage), nextCursor: v.union(v.string(), v.null()) }),
  handler: async (ctx, { organizationId, conversationId, cursor, limit }) => {
    const { threadId } = await inOrganization(ctx, organizationId, conversationId);
    const page = await listMessages(ctx, components.agent, {
      threadId,
      paginationOpts: { numItems: limit, cursor },
      excludeToolMessages: true,
    });
    return {
      // The component pages newest first; each page reads oldest first.
      data: [...page.page]
        .reverse()
        .filter((doc) => (doc.text ?? "").trim().length > 0)
        .map((doc) => ({
          id: doc._id,
          from:
            doc.message?.role === "user"
              ? ("customer" as const)
              : doc.agentName === "operator"
                ? ("operator" as const)
                : ("agent" as const),
          text: doc.text ?? "",
          createdAt: Math.round(doc._creationTime),
        })),
      nextCursor: page.isDone ? null : page.continueCursor,
    };
  },
});

/** The viewer a lookup runs as, for `POST /v1/lookups` (a bad identity proof is refused here). */
export const viewerFor = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    mayAssert: v.boolean(),
    customer: v.optional(vApiCustomer),
  },
  returns: vViewer,
  handler: async (ctx, { organizationId, mayAssert, customer }) =>
    viewerOf(await resolveApiCustomer(ctx, organizationId, mayAssert, customer)),
});

async function saveCustomerMessage(ctx: MutationCtx, conversation: Doc<"conversations">, text: string) {
  const prompt = validateMessageText(text);
  await enforceRateLimit(ctx, "organizationMessages", conversation.organizationId);
  const { messageId, message } = await saveMessage(ctx, components.agent, {
    threadId: conversation.threadId,
    userId: conversation.contactSessionId,
    prompt,
  });
  await noteMessage(ctx, conversation, prompt, "contact");
  if (conversation.status.kind === "resolved") {
    await setConversationStatus(ctx, conversation, { kind: "unresolved" });
  }
  return { messageId, order: message.order, agentWillReply: conversation.status.kind !== "escalated" };
}

/**
 * `POST /v1/answers`, before the agent runs: the customer's conversation (new, or theirs when given),
 * their question saved into it as the widget would save it.
 */
export const startTurn = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    mayAssert: v.boolean(),
    customer: v.optional(vApiCustomer),
    conversationId: v.optional(v.string()),
    question: v.string(),
  },
  returns: v.object({
    conversationId: v.id("conversations"),
    threadId: v.string(),
    contactSessionId: v.id("contactSessions"),
    organizationName: v.string(),
    viewer: vViewer,
    promptMessageId: v.string(),
    /** The reply is streamed at the prompt's order (`streamedText`). */
    promptOrder: v.number(),
    agentWillReply: v.boolean(),
  }),
  handler: async (ctx, args) => {
    const organization = await ctx.db.get(args.organizationId);
    if (organization === null) throw appError("not_found", "This organization no longer exists.");
    const identity = await resolveApiCustomer(ctx, args.organizationId, args.mayAssert, args.customer);
    const session = await apiContactSession(ctx, args.organizationId, identity, args.customer?.name);
    let conversation: Doc<"conversations">;
    if (args.conversationId !== undefined) {
      conversation = await inOrganization(ctx, args.organizationId, args.conversationId);
      // Continuing someone else's conversation would read their records: the same "not found".
      if (conversation.contactSessionId !== session._id) {
        throw appError("not_found", "This conversation does not exist for this customer.");
      }
    } else {
      const threadId = await createThread(ctx, components.agent, { userId: session._id });
      const id = await ctx.db.insert("conversations", {
        organizationId: args.organizationId,
        contactSessionId: session._id,
        threadId,
        status: { kind: "unresolved" },
        preview: "",
        lastMessageAt: Date.now(),
        unreadByOperators: 0,
        channel: "api",
        searchText: await contactSearchText(ctx, session._id),
      });
      conversation = (await ctx.db.get(id))!;
      await emitEvent(ctx, args.organizationId, "conversation.created", {
        conversationId: id,
        channel: "api",
      });
    }
    const { messageId, order, agentWillReply } = await saveCustomerMessage(ctx, conversation, args.question);
    return {
      conversationId: conversation._id,
      threadId: conversation.threadId,
      contactSessionId: session._id,
      organizationName: organization.name,
      viewer: viewerOf(identity),
      promptMessageId: messageId,
      promptOrder: order,
      agentWillReply,
    };
  },
});

/**
 * `POST /v1/conversations/{id}/messages`: as the customer (the agent answers in the background, as in
 * the widget), as an operator (a person answering takes the conversation over), or as an internal
 * note for the team (an automation's record, e.g. "ticket opened"). Operator messages and notes are
 * attributed to the admin who created the key.
 */
export const postMessage = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    conversationId: v.string(),
    text: v.string(),
    as: v.union(
      v.literal("customer"),
      v.object({ kind: v.union(v.literal("operator"), v.literal("note")), userId: v.id("users") }),
    ),
  },
  returns: v.object({ messageId: v.string(), agentWillReply: v.boolean() }),
  handler: async (ctx, { organizationId, conversationId, text, as }) => {
    const conversation = await inOrganization(ctx, organizationId, conversationId);
    if (as === "customer") {
      const { order: _, ...saved } = await saveCustomerMessage(ctx, conversation, text);
      if (saved.agentWillReply) {
        await ctx.scheduler.runAfter(0, internal.system.agentReplies.reply, {
          conversationId: conversation._id,
          promptMessageId: saved.messageId,
          receivedAt: Date.now(),
        });
      }
      return saved;
    }
    if (as.kind === "note") {
      // The key's creator, an admin of this organization, is who the team sees wrote it.
      const member = { userId: as.userId, organizationId, role: "admin" as const };
      return { messageId: await addNote(ctx, member, conversation, text), agentWillReply: false };
    }
    const content = validateMessageText(text);
    const { messageId } = await saveMessage(ctx, components.agent, {
      threadId: conversation.threadId,
      agentName: "operator",
      message: { role: "assistant", content },
    });
    await noteMessage(ctx, conversation, content, "operator");
    if (conversation.status.kind !== "escalated") {
      await setConversationStatus(ctx, conversation, {
        kind: "escalated",
        reason: "An operator replied.",
        at: Date.now(),
        by: { kind: "operator", userId: as.userId },
      });
    }
    return { messageId, agentWillReply: false };
  },
});

export const setStatus = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    conversationId: v.string(),
    status: v.union(v.literal("escalated"), v.literal("resolved")),
    reason: v.optional(v.string()),
    userId: v.id("users"),
  },
  returns: vApiConversation,
  handler: async (ctx, { organizationId, conversationId, status, reason, userId }) => {
    const conversation = await inOrganization(ctx, organizationId, conversationId);
    const trimmed = reason?.trim();
    if (trimmed !== undefined) requireCleanText("reason", trimmed);
    const by = { kind: "operator" as const, userId };
    const at = Date.now();
    if (conversation.status.kind !== status) {
      await setConversationStatus(
        ctx,
        conversation,
        status === "escalated"
          ? { kind: "escalated", reason: trimmed || "Escalated through the API.", at, by }
          : { kind: "resolved", at, by },
      );
    }
    return await apiConversation(ctx, (await ctx.db.get(conversation._id))!);
  },
});

/**
 * The text the agent has streamed so far in reply to the prompt at `promptOrder` (`stream: true` polls
 * it). The agent writes its reply's deltas while the turn runs (`saveStreamDeltas`).
 */
export const streamedText = internalQuery({
  args: { threadId: v.string(), promptOrder: v.number() },
  returns: v.string(),
  handler: async (ctx, { threadId, promptOrder }) => {
    const streams = (
      await listStreams(ctx, components.agent, {
        threadId,
        includeStatuses: ["streaming", "finished", "aborted"],
      })
    )
      .filter((stream) => stream.order === promptOrder)
      .sort((a, b) => a.stepOrder - b.stepOrder);
    if (streams.length === 0) return "";
    const synced = await syncStreams(ctx, components.agent, {
      threadId,
      streamArgs: { kind: "deltas", cursors: streams.map((s) => ({ streamId: s.streamId, cursor: 0 })) },
    });
    if (synced?.kind !== "deltas") return "";
    const order = new Map(streams.map((s, i) => [s.streamId, i]));
    return synced.deltas
      .filter((delta) => order.has(delta.streamId))
      .sort((a, b) => order.get(a.streamId)! - order.get(b.streamId)! || a.start - b.start)
      .flatMap((delta) => delta.parts as { type?: string; delta?: string; text?: string }[])
      .map((part) => (part.type === "text-delta" ? (part.delta ?? part.text ?? "") : ""))
      .join("");
  },
});
