import { v } from "convex/values";
import { vAnswerSource, vSourceTiming } from "./tables";

const vCell = v.union(v.string(), v.number(), v.boolean(), v.null());

/** The lookup tool's result (the models package's `LookupResult`), as a Convex validator. */
export const vLookupResult = v.object({
  source: v.union(v.literal("database"), v.literal("knowledge_base"), v.literal("none")),
  rows: v.optional(
    v.array(
      v.object({
        table: v.string(),
        columns: v.array(v.string()),
        rows: v.array(v.array(vCell)),
        truncated: v.boolean(),
      }),
    ),
  ),
  passages: v.optional(v.array(v.object({ title: v.string(), text: v.string() }))),
  note: v.optional(v.string()),
});

/** One playground answer: the reply, what it was built from, and how long each source took. */
export const vPlaygroundAnswer = v.object({
  threadId: v.string(),
  text: v.string(),
  /** What the lookup's priority rules chose ("none" when no lookup ran). */
  source: v.union(v.literal("database"), v.literal("knowledge_base"), v.literal("none")),
  /** Where the conversation would stand after this turn. */
  status: v.union(v.literal("unresolved"), v.literal("escalated"), v.literal("resolved")),
  /** The turn failed and the customer got the apology (the cause is in the logs). */
  failed: v.boolean(),
  sources: v.array(vAnswerSource),
  lookup: v.union(vLookupResult, v.null()),
  timings: v.object({
    totalMs: v.number(),
    database: v.union(vSourceTiming, v.null()),
    knowledgeBase: v.union(vSourceTiming, v.null()),
  }),
  modelId: v.string(),
});
