import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({
    channel: v.string(),
    author: v.string(),
    body: v.string(),
  }).index("by_channel", ["channel"]),
  counters: defineTable({
    name: v.string(),
    value: v.number(),
  }).index("by_name", ["name"]),
  // Filler rows for the limit tests (test/limits.test.ts).
  rows: defineTable({
    n: v.number(),
    payload: v.any(),
  }).index("by_n", ["n"]),
  files: defineTable({
    storageId: v.id("_storage"),
    name: v.string(),
  }),
});
