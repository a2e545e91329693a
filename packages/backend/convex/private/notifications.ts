import { v } from "convex/values";
import { appError } from "../lib/errors";
import { memberMutation, memberQuery } from "../lib/functions";
import { candidatesFor, openedAtOf, unreadReason } from "../notifications/unread";

/*
 * Operators' unread conversations: the navigation's count, the tab title and browser notifications.
 * Unread = an escalation this operator has not opened since, or a customer's reply in a conversation
 * assigned to them that they have not opened since (notifications/unread.ts).
 */

/** The newest unread ones returned, for browser notifications. */
const LATEST = 5;

export const unread = memberQuery({
  args: {},
  returns: v.object({
    count: v.number(),
    /** More conversations than one call reads: `count` is a lower bound. */
    capped: v.boolean(),
    latest: v.array(
      v.object({
        conversationId: v.id("conversations"),
        /** Why it is unread: a new escalation, or the customer's reply in a conversation assigned to me. */
        kind: v.union(v.literal("escalation"), v.literal("reply")),
        /** When that happened: a later reply or escalation of the same conversation has a new time. */
        at: v.number(),
        preview: v.string(),
      }),
    ),
  }),
  handler: async (ctx) => {
    const { organizationId, userId } = ctx.member;
    const { conversations, capped } = await candidatesFor(ctx, organizationId, userId);
    const unreadOnes = [];
    for (const conversation of conversations) {
      const reason = unreadReason(conversation, userId, await openedAtOf(ctx, userId, conversation._id));
      if (reason !== null)
        unreadOnes.push({ conversationId: conversation._id, ...reason, preview: conversation.preview });
    }
    unreadOnes.sort((a, b) => b.at - a.at);
    return { count: unreadOnes.length, capped, latest: unreadOnes.slice(0, LATEST) };
  },
});

/** The operator opened the thread: it is read for them until it is escalated again or the customer writes. */
export const markOpened = memberMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const { organizationId, userId } = ctx.member;
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null || conversation.organizationId !== organizationId)
      throw appError("not_found", "This conversation does not exist in this organization.");
    const marker = await ctx.db
      .query("operatorReadMarkers")
      .withIndex("by_userId_and_conversationId", (q) =>
        q.eq("userId", userId).eq("conversationId", conversationId),
      )
      .unique();
    const openedAt = Date.now();
    if (marker === null)
      await ctx.db.insert("operatorReadMarkers", { organizationId, userId, conversationId, openedAt });
    else await ctx.db.patch(marker._id, { openedAt });
    return null;
  },
});
