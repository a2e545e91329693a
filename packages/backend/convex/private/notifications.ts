import { v } from "convex/values";
import { appError } from "../lib/errors";
import { memberMutation, memberQuery } from "../lib/functions";

/*
 * Operators' unread escalations: the navigation's count, the tab title and browser notifications.
 * "Unread" = escalated now, and this operator has not opened the thread since it was escalated. Each
 * operator has their own read markers; one opening a conversation does not clear it for the others.
 */

/** Escalated conversations read per call, newest activity first: the count says "50+" past it. */
const MAX_ESCALATED = 50;
/** The newest unread ones returned, for browser notifications. */
const LATEST = 5;

export const unread = memberQuery({
  args: {},
  returns: v.object({
    count: v.number(),
    /** More escalated conversations than one call reads: `count` is a lower bound. */
    capped: v.boolean(),
    latest: v.array(
      v.object({ conversationId: v.id("conversations"), escalatedAt: v.number(), preview: v.string() }),
    ),
  }),
  handler: async (ctx) => {
    const { organizationId, userId } = ctx.member;
    const escalated = await ctx.db
      .query("conversations")
      .withIndex("by_organizationId_and_status_and_lastMessageAt", (q) =>
        q.eq("organizationId", organizationId).eq("status.kind", "escalated"),
      )
      .order("desc")
      .take(MAX_ESCALATED + 1);
    const unreadOnes = [];
    for (const conversation of escalated.slice(0, MAX_ESCALATED)) {
      if (conversation.status.kind !== "escalated") continue;
      const marker = await ctx.db
        .query("operatorReadMarkers")
        .withIndex("by_userId_and_conversationId", (q) =>
          q.eq("userId", userId).eq("conversationId", conversation._id),
        )
        .unique();
      if (marker === null || marker.openedAt < conversation.status.at)
        unreadOnes.push({
          conversationId: conversation._id,
          escalatedAt: conversation.status.at,
          preview: conversation.preview,
        });
    }
    unreadOnes.sort((a, b) => b.escalatedAt - a.escalatedAt);
    return {
      count: unreadOnes.length,
      capped: escalated.length > MAX_ESCALATED,
      latest: unreadOnes.slice(0, LATEST),
    };
  },
});

/** The operator opened the thread: it is read for them until it is escalated again. */
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
