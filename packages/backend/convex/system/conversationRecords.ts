import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { noteMessage, setConversationStatus } from "../conversations/model";
import { answerRecordFields, vConversationChannel } from "../conversations/tables";
import { vViewer } from "../access/viewer";
import { emitAnswerEvents } from "../webhooks/payloads";

/* The agent's reads and writes of conversations (internal: called from its actions only). */

export const forReply = internalQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.union(
    v.null(),
    v.object({
      organizationId: v.id("organizations"),
      organizationName: v.string(),
      threadId: v.string(),
      contactSessionId: v.id("contactSessions"),
      viewer: vViewer,
      escalated: v.boolean(),
      channel: vConversationChannel,
    }),
  ),
  handler: async (ctx, { conversationId }) => {
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null) return null;
    const [organization, session] = await Promise.all([
      ctx.db.get(conversation.organizationId),
      ctx.db.get(conversation.contactSessionId),
    ]);
    if (organization === null || session === null) return null;
    return {
      organizationId: conversation.organizationId,
      organizationName: organization.name,
      threadId: conversation.threadId,
      channel: conversation.channel ?? "widget",
      contactSessionId: session._id,
      // The scope comes from the session's verified identity, never from anything the contact typed.
      viewer: {
        kind: "contact" as const,
        verifiedOwnerKey: session.identity.kind === "verified" ? session.identity.ownerKey : null,
      },
      escalated: conversation.status.kind === "escalated",
    };
  },
});

export const organizationName = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { organizationId }) => (await ctx.db.get(organizationId))?.name ?? null,
});

export const setStatusByAgent = internalMutation({
  args: {
    conversationId: v.id("conversations"),
    status: v.union(v.literal("escalated"), v.literal("resolved")),
    reason: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { conversationId, status, reason }) => {
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null) return null;
    const at = Date.now();
    await setConversationStatus(
      ctx,
      conversation,
      status === "escalated"
        ? {
            kind: "escalated",
            reason: reason ?? "The agent handed the conversation over.",
            at,
            by: { kind: "agent" },
          }
        : { kind: "resolved", at, by: { kind: "agent" } },
    );
    return null;
  },
});

export const recordAnswer = internalMutation({
  args: { record: v.object(answerRecordFields), replyText: v.string() },
  returns: v.null(),
  handler: async (ctx, { record, replyText }) => {
    await ctx.db.insert("answerRecords", record);
    await emitAnswerEvents(ctx, record);
    if (record.conversationId !== undefined) {
      const conversation = await ctx.db.get(record.conversationId);
      if (conversation !== null) await noteMessage(ctx, conversation, replyText, "agent");
    }
    return null;
  },
});
