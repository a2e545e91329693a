import { listMessages, saveMessage, vStreamArgs, vStreamMessagesReturnValue } from "@convex-dev/agent";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { components, internal } from "../_generated/api";
import { mutation, query } from "../_generated/server";
import { requireContactSession } from "../contacts/sessionToken";
import {
  noteMessage,
  requireOwnConversation,
  setConversationStatus,
  syncThreadStreams,
  validateMessageText,
} from "../conversations/model";
import { vAnswerOutcome } from "../conversations/tables";
import type { ClientKey } from "../contacts/clientKeys";
import { enforceRateLimit } from "../lib/rateLimits";

/* The widget's messages: read a conversation's thread (with streaming deltas) and send a message. */

export const list = query({
  args: {
    sessionToken: v.string(),
    conversationId: v.id("conversations"),
    paginationOpts: paginationOptsValidator,
    streamArgs: v.optional(vStreamArgs),
  },
  returns: vStreamMessagesReturnValue,
  handler: async (ctx, { sessionToken, conversationId, paginationOpts, streamArgs }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const { threadId } = await requireOwnConversation(ctx, session, conversationId);
    // Tool calls and results stay server-side: the contact sees the conversation, not the machinery.
    const paginated = await listMessages(ctx, components.agent, {
      threadId,
      paginationOpts,
      excludeToolMessages: true,
    });
    const streams = await syncThreadStreams(ctx, threadId, streamArgs);
    return { ...paginated, streams };
  },
});

const vContactSource = v.union(
  v.object({ kind: v.literal("rows"), table: v.string(), count: v.number() }),
  v.object({ kind: v.literal("document"), title: v.string() }),
);

/** What each reply was built from, for the widget's compact source line (no SQL text, no timings). */
export const sources = query({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: v.array(
    v.object({
      promptMessageId: v.union(v.string(), v.null()),
      outcome: vAnswerOutcome,
      sources: v.array(vContactSource),
    }),
  ),
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    await requireOwnConversation(ctx, session, conversationId);
    const answers = await ctx.db
      .query("answerRecords")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .collect();
    return answers.map((answer) => ({
      promptMessageId: answer.promptMessageId ?? null,
      outcome: answer.outcome,
      sources: answer.sources.flatMap((source) =>
        source.kind === "sql"
          ? [{ kind: "rows" as const, table: source.table, count: source.rowCount }]
          : [source],
      ),
    }));
  },
});

export const send = mutation({
  args: { sessionToken: v.string(), conversationId: v.id("conversations"), text: v.string() },
  returns: v.object({
    messageId: v.string(),
    /** False while a person owns the conversation: the message waits for them, the agent stays silent. */
    agentWillReply: v.boolean(),
  }),
  handler: async (ctx, { sessionToken, conversationId, text }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const conversation = await requireOwnConversation(ctx, session, conversationId);
    const prompt = validateMessageText(text);
    // Per client (every session it opened shares one budget), then the organization's ceiling.
    await enforceRateLimit(
      ctx,
      "contactMessage",
      (session.clientKey as ClientKey | undefined) ?? session._id,
    );
    await enforceRateLimit(ctx, "organizationMessages", session.organizationId);
    const { messageId } = await saveMessage(ctx, components.agent, {
      threadId: conversation.threadId,
      userId: session._id,
      prompt,
    });
    await noteMessage(ctx, conversation, prompt, "contact");
    if (conversation.status.kind === "escalated") return { messageId, agentWillReply: false };
    // A new question in a resolved conversation opens it again.
    if (conversation.status.kind === "resolved") {
      await setConversationStatus(ctx, conversation, { kind: "unresolved" });
    }
    await ctx.scheduler.runAfter(0, internal.system.agentReplies.reply, {
      conversationId,
      promptMessageId: messageId,
      receivedAt: Date.now(),
    });
    return { messageId, agentWillReply: true };
  },
});
