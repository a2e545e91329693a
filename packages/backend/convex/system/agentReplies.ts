"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { runSupportTurn } from "../agent/turn";

/**
 * The agent's reply to a contact's message, scheduled by `public/messages:send`. Node: the database
 * lookup uses the connectors' drivers. Arguments are ids only (no secrets, no message text).
 */
export const reply = internalAction({
  args: {
    conversationId: v.id("conversations"),
    promptMessageId: v.string(),
    receivedAt: v.number(),
  },
  returns: v.null(),
  handler: async (ctx, { conversationId, promptMessageId, receivedAt }) => {
    const conversation = await ctx.runQuery(internal.system.conversationRecords.forReply, { conversationId });
    // Escalated while the reply was queued: a person owns the conversation now, the agent stays silent.
    if (conversation === null || conversation.escalated) return null;
    await runSupportTurn(ctx, {
      organizationId: conversation.organizationId,
      organizationName: conversation.organizationName,
      viewer: conversation.viewer,
      actor: { kind: "contact", contactId: conversation.contactSessionId },
      conversationId,
      threadId: conversation.threadId,
      userId: conversation.contactSessionId,
      promptMessageId,
      channel: conversation.channel,
      receivedAt,
    });
    return null;
  },
});
