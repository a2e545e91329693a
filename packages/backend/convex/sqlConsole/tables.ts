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

/** Where a CSV export is: a one-time ticket until the browser claims it, then its stream. */
export const vExportStatus = v.union(
  v.object({ kind: v.literal("ready"), expiresAt: v.number() }),
  v.object({ kind: v.literal("running"), rowCount: v.number() }),
  v.object({ kind: v.literal("done"), rowCount: v.number(), durationMs: v.number() }),
  v.object({ kind: v.literal("failed"), code: v.string(), message: v.string() }),
  v.object({ kind: v.literal("cancelled"), rowCount: v.number() }),
);

export const consoleExportFields = {
  organizationId: v.id("organizations"),
  userId: v.id("users"),
  sql: v.string(),
  params: v.array(v.union(v.string(), v.number(), v.boolean(), v.null())),
  /** Random, single use, short-lived: the download's POST carries it instead of the auth token. */
  ticket: v.string(),
  /** Tags the statement (its answerbase-console comment) like a console run id. */
  runId: v.string(),
  filename: v.string(),
  status: vExportStatus,
};

export const sqlConsoleTables = {
  sqlConsoleExports: defineTable(consoleExportFields)
    .index("by_ticket", ["ticket"])
    .index("by_organizationId_and_userId", ["organizationId", "userId"]),
  /** CSV text between the export's producer (Node) and its HTTP stream; deleted as it is sent. */
  sqlConsoleExportChunks: defineTable({
    exportId: v.id("sqlConsoleExports"),
    seq: v.number(),
    text: v.string(),
  }).index("by_exportId_and_seq", ["exportId", "seq"]),
  sqlConsoleHistory: defineTable(consoleHistoryFields).index("by_organizationId_and_userId", [
    "organizationId",
    "userId",
  ]),
};
