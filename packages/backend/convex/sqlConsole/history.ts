import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/** Statements kept per admin and organization; older ones are deleted as new ones arrive. */
export const HISTORY_LENGTH = 50;

export async function historyOf(ctx: QueryCtx, organizationId: Id<"organizations">, userId: Id<"users">) {
  return await ctx.db
    .query("sqlConsoleHistory")
    .withIndex("by_organizationId_and_userId", (q) =>
      q.eq("organizationId", organizationId).eq("userId", userId),
    )
    .order("desc")
    .take(HISTORY_LENGTH);
}
