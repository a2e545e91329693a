import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";

/** Who changed a conversation's status. */
export const vStatusActor = v.union(
  v.object({ kind: v.literal("agent") }),
  v.object({ kind: v.literal("contact") }),
  v.object({ kind: v.literal("operator"), userId: v.id("users") }),
);

export const vConversationStatus = v.union(
  /** The agent answers. */
  v.object({ kind: v.literal("unresolved") }),
  /** A person owns the conversation: the agent stays silent until an operator hands it back. */
  v.object({ kind: v.literal("escalated"), reason: v.string(), at: v.number(), by: vStatusActor }),
  v.object({ kind: v.literal("resolved"), at: v.number(), by: vStatusActor }),
);

export const vSourceTiming = v.object({
  ms: v.number(),
  outcome: v.union(v.literal("ok"), v.literal("empty"), v.literal("failed"), v.literal("timeout")),
  code: v.optional(v.string()),
});

/** What an answer was built from: shown under the reply in the inbox and the playground. */
export const vAnswerSource = v.union(
  v.object({ kind: v.literal("rows"), table: v.string(), count: v.number() }),
  v.object({ kind: v.literal("document"), title: v.string() }),
  v.object({
    kind: v.literal("sql"),
    table: v.string(),
    statement: v.string(),
    rowCount: v.number(),
    durationMs: v.number(),
  }),
);

export const vAnswerOutcome = v.union(
  v.literal("database"),
  v.literal("knowledge_base"),
  v.literal("none"),
  v.literal("escalated"),
  v.literal("resolved"),
  v.literal("failed"),
);

/** Where a conversation came in: the chat widget, or the HTTP API (`/v1`: channel bridges, voice agents, servers). */
export const vConversationChannel = v.union(v.literal("widget"), v.literal("api"));
export type ConversationChannel = Infer<typeof vConversationChannel>;

/** Where an answer was asked: its conversation's channel, or the dashboard's Playground (no conversation). */
export const vAnswerChannel = v.union(v.literal("widget"), v.literal("api"), v.literal("playground"));
export type AnswerChannel = Infer<typeof vAnswerChannel>;

export const answerRecordFields = {
  organizationId: v.id("organizations"),
  /** Absent for playground questions, which have no conversation. */
  conversationId: v.optional(v.id("conversations")),
  threadId: v.string(),
  promptMessageId: v.optional(v.string()),
  channel: vAnswerChannel,
  outcome: vAnswerOutcome,
  sources: v.array(vAnswerSource),
  database: v.optional(vSourceTiming),
  knowledgeBase: v.optional(vSourceTiming),
  /** From the customer's message to the saved reply. */
  totalMs: v.number(),
  modelId: v.string(),
  /** A failed turn's code (never a stack trace; the cause is logged). */
  errorCode: v.optional(v.string()),
};

export const conversationFields = {
  organizationId: v.id("organizations"),
  contactSessionId: v.id("contactSessions"),
  threadId: v.string(),
  status: vConversationStatus,
  /** The latest message's first characters, for lists. */
  preview: v.string(),
  lastMessageAt: v.number(),
  /** The customer's latest message: a reply in a conversation assigned to you is unread until you open it. */
  lastContactMessageAt: v.optional(v.number()),
  /** Contact messages operators have not read yet (reset when an operator opens the thread). */
  unreadByOperators: v.number(),
  /** The operator who owns the conversation; absent: unassigned. */
  assignee: v.optional(v.id("users")),
  /** Absent on conversations recorded before channels were: those came from the widget. */
  channel: v.optional(vConversationChannel),
  /** The customer's name and e-mail, then the latest messages' text: what the inbox search reads. */
  searchText: v.optional(v.string()),
};

/**
 * A line in a conversation's timeline that is not a message of the agent's thread. Kept out of the
 * thread on purpose: the widget, the public API and the agent's context read the thread only, so a
 * note can never reach them. `shownToContact` marks the lines the widget may show (an operator
 * joining or leaving); notes and assignment lines are the team's.
 */
export const vConversationEvent = v.union(
  /** Assigned, reassigned or unassigned (`to` absent). */
  v.object({
    kind: v.literal("assigned"),
    by: v.id("users"),
    from: v.optional(v.id("users")),
    to: v.optional(v.id("users")),
  }),
  /** An internal note: only the organization's members see it. */
  v.object({ kind: v.literal("note"), by: v.id("users"), text: v.string() }),
  /** An operator took the conversation (the widget says so with their name). */
  v.object({ kind: v.literal("joined"), userId: v.id("users") }),
  v.object({ kind: v.literal("left"), userId: v.id("users") }),
);

export const conversationEventFields = {
  organizationId: v.id("organizations"),
  conversationId: v.id("conversations"),
  shownToContact: v.boolean(),
  event: vConversationEvent,
};

/** Which operator wrote a thread message (the thread itself only says "operator"). */
export const operatorMessageFields = {
  conversationId: v.id("conversations"),
  messageId: v.string(),
  userId: v.id("users"),
};

/** An answer an organization reuses; `{{customer.name}}` and `{{customer.email}}` are filled in. */
export const savedReplyFields = {
  organizationId: v.id("organizations"),
  title: v.string(),
  text: v.string(),
  updatedBy: v.id("users"),
};

export const conversationTables = {
  conversations: defineTable(conversationFields)
    // By creation time (every index ends with _creationTime): the Overview's conversations per day.
    .index("by_organizationId", ["organizationId"])
    .index("by_organizationId_and_lastMessageAt", ["organizationId", "lastMessageAt"])
    .index("by_organizationId_and_status_and_lastMessageAt", [
      "organizationId",
      "status.kind",
      "lastMessageAt",
    ])
    .index("by_contactSessionId_and_lastMessageAt", ["contactSessionId", "lastMessageAt"])
    .index("by_threadId", ["threadId"])
    // The inbox's "mine" and "unassigned" filters, alone and with a status.
    .index("by_organizationId_and_assignee_and_lastMessageAt", [
      "organizationId",
      "assignee",
      "lastMessageAt",
    ])
    .index("by_organizationId_and_assignee_and_status_and_lastMessageAt", [
      "organizationId",
      "assignee",
      "status.kind",
      "lastMessageAt",
    ])
    .searchIndex("search_searchText", { searchField: "searchText", filterFields: ["organizationId"] }),
  conversationEvents: defineTable(conversationEventFields).index("by_conversationId_and_shownToContact", [
    "conversationId",
    "shownToContact",
  ]),
  operatorMessages: defineTable(operatorMessageFields).index("by_conversationId", ["conversationId"]),
  savedReplies: defineTable(savedReplyFields).index("by_organizationId_and_title", [
    "organizationId",
    "title",
  ]),
  answerRecords: defineTable(answerRecordFields)
    .index("by_conversationId", ["conversationId"])
    .index("by_organizationId", ["organizationId"]),
};
