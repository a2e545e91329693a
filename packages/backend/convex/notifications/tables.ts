import { defineTable } from "convex/server";
import { v } from "convex/values";

/**
 * When an operator last opened a conversation's thread in the dashboard. A conversation is unread for
 * them while it is escalated and they have not opened it since it was escalated (private/notifications.ts).
 */
export const operatorReadMarkerFields = {
  organizationId: v.id("organizations"),
  userId: v.id("users"),
  conversationId: v.id("conversations"),
  openedAt: v.number(),
};

export const notificationTables = {
  operatorReadMarkers: defineTable(operatorReadMarkerFields).index("by_userId_and_conversationId", [
    "userId",
    "conversationId",
  ]),
};
