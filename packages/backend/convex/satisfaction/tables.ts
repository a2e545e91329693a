import { defineTable } from "convex/server";
import { v } from "convex/values";

/** Who raised an escalation: a customer or the agent leaves a person waiting; an operator took over. */
export const vEscalationRaisedBy = v.union(v.literal("contact"), v.literal("agent"), v.literal("operator"));

/** How an escalation ended, if it has. */
export const vEscalationEnd = v.union(
  v.object({ kind: v.literal("open") }),
  v.object({ kind: v.literal("resolved"), at: v.number() }),
  /** An operator handed the conversation back to the agent without resolving it. */
  v.object({ kind: v.literal("handed_back"), at: v.number() }),
);

export const satisfactionRatingFields = {
  organizationId: v.id("organizations"),
  conversationId: v.id("conversations"),
  contactSessionId: v.id("contactSessions"),
  /** 1 (very unhappy) to 5 (very happy). */
  score: v.number(),
  comment: v.optional(v.string()),
  /** When the rating was given or last changed: the Overview's day. */
  ratedAt: v.number(),
};

/**
 * One row per escalation, written as the conversation's status changes (`conversations/model.ts`), so
 * the Overview's response and resolution times read one small row per escalation of the period instead
 * of threads and messages.
 */
export const escalationRecordFields = {
  organizationId: v.id("organizations"),
  conversationId: v.id("conversations"),
  raisedBy: vEscalationRaisedBy,
  escalatedAt: v.number(),
  /** The first operator message at or after `escalatedAt`. */
  firstResponseAt: v.optional(v.number()),
  end: vEscalationEnd,
};

export const satisfactionTables = {
  satisfactionRatings: defineTable(satisfactionRatingFields)
    .index("by_conversationId", ["conversationId"])
    .index("by_organizationId_and_ratedAt", ["organizationId", "ratedAt"]),
  escalationRecords: defineTable(escalationRecordFields)
    .index("by_conversationId_and_escalatedAt", ["conversationId", "escalatedAt"])
    .index("by_organizationId_and_escalatedAt", ["organizationId", "escalatedAt"]),
};
