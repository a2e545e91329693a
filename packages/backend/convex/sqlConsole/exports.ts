import type { Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { TICKET_TTL_MS } from "../system/sqlExports";
import type { vExportStatus } from "./tables";

/** Exports an admin keeps (their status, for the page); older ones are deleted as new ones start. */
const KEPT_EXPORTS = 10;

type Member = { organizationId: Id<"organizations">; userId: Id<"users"> };

/** `answerbase-sql-2026-12-07T14-35-02Z.csv` (UTC, no characters a header or a file system minds). */
export function exportFilename(now: number): string {
  return `answerbase-sql-${new Date(now).toISOString().slice(0, 19).replaceAll(":", "-")}Z.csv`;
}

/** A new export's one-time ticket; the download (`POST /sql/export`) starts it. */
export async function createExportTicket(
  ctx: MutationCtx,
  member: Member,
  sql: string,
  params: (string | number | boolean | null)[],
) {
  if (sql.trim() === "") {
    throw appError("invalid_input", "Write a statement to export.", {
      fields: [{ field: "sql", message: "a SELECT statement" }],
    });
  }
  const now = Date.now();
  const ticket = `${crypto.randomUUID()}${crypto.randomUUID()}`.replaceAll("-", "");
  const exportId = await ctx.db.insert("sqlConsoleExports", {
    ...member,
    sql,
    params,
    ticket,
    runId: crypto.randomUUID(),
    filename: exportFilename(now),
    status: { kind: "ready", expiresAt: now + TICKET_TTL_MS },
  });
  const older = await ctx.db
    .query("sqlConsoleExports")
    .withIndex("by_organizationId_and_userId", (q) =>
      q.eq("organizationId", member.organizationId).eq("userId", member.userId),
    )
    .order("desc")
    .collect();
  // A running export keeps its row: its producer and stream still use it.
  for (const stale of older.slice(KEPT_EXPORTS))
    if (stale.status.kind !== "running") await ctx.db.delete(stale._id);
  return { exportId, ticket };
}

/** The caller's own export's status, or null (another admin's, or deleted). */
export async function exportStatusOf(
  ctx: QueryCtx,
  member: Member,
  exportId: Id<"sqlConsoleExports">,
): Promise<Infer<typeof vExportStatus> | null> {
  const job = await ctx.db.get(exportId);
  if (job === null || job.organizationId !== member.organizationId || job.userId !== member.userId)
    return null;
  return job.status;
}
