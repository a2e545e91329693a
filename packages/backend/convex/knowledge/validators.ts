import { v } from "convex/values";

export const vKnowledgeHit = v.object({
  text: v.string(),
  score: v.number(),
  namespace: v.union(v.literal("organization"), v.literal("global")),
  source: v.union(
    v.object({ kind: v.literal("row"), table: v.string(), key: v.string() }),
    v.object({ kind: v.literal("document"), title: v.string(), key: v.string() }),
  ),
});
