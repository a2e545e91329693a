import { defineTable } from "convex/server";
import { v } from "convex/values";

/** How a console statement ended: counts, timings and codes only, never values. */
export const vConsoleOutcome = v.union(
  v.object({ kind: v.literal("ok"), rowCount: v.number(), durationMs: v.number() }),
  v.object({ kind: v.literal("error"), code: v.string() }),
);

/** One statement an admin ran in the SQL console, kept so they can load it again (last 50 each). */
export const consoleHistoryFields = {
  organizationId: v.id("organizations"),
  userId: v.id("users"),
  sql: v.string(),
  explain: v.boolean(),
  outcome: vConsoleOutcome,
};

export const sqlConsoleTables = {
  sqlConsoleHistory: defineTable(consoleHistoryFields).index("by_organizationId_and_userId", [
    "organizationId",
    "userId",
  ]),
};
