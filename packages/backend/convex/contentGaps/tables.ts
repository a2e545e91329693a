import { defineTable } from "convex/server";
import { v } from "convex/values";

/** Where a group of unanswered questions stands. */
export const vGapStatus = v.union(
  v.object({ kind: v.literal("open") }),
  /** An admin started a help article for it: checked against the knowledge base after each ingestion. */
  v.object({
    kind: v.literal("article"),
    startedAt: v.number(),
    by: v.id("users"),
    documentId: v.optional(v.id("knowledgeDocuments")),
  }),
  /** The knowledge search now finds a document for the group's question. */
  v.object({ kind: v.literal("resolved"), at: v.number(), documentTitle: v.string() }),
);

export const contentGapFields = {
  organizationId: v.id("organizations"),
  /** The first question of the group: what the resolution check searches for. */
  question: v.string(),
  /** The latest distinct questions, newest first (at most `MAX_EXAMPLES`). */
  examples: v.array(v.string()),
  count: v.number(),
  /** How many of those the agent escalated (the rest it answered "nothing found"). */
  escalated: v.number(),
  /** The running mean of the questions' embeddings. */
  centroid: v.array(v.float64()),
  /** The embedding model's id: groups of another model are never compared. */
  modelId: v.string(),
  lastAskedAt: v.number(),
  status: vGapStatus,
};

export const contentGapTables = {
  contentGaps: defineTable(contentGapFields)
    .index("by_organizationId_and_lastAskedAt", ["organizationId", "lastAskedAt"])
    .index("by_organizationId_and_status_and_lastAskedAt", ["organizationId", "status.kind", "lastAskedAt"]),
};
