import { internalMutation } from "../_generated/server";
import { consoleHistoryFields } from "../sqlConsole/tables";
import { HISTORY_LENGTH } from "../sqlConsole/history";

/** Called by the console's run action once a statement finished (successfully or not). */
export const record = internalMutation({
  args: consoleHistoryFields,
  handler: async (ctx, entry) => {
    await ctx.db.insert("sqlConsoleHistory", entry);
    const older = await ctx.db
      .query("sqlConsoleHistory")
      .withIndex("by_organizationId_and_userId", (q) =>
        q.eq("organizationId", entry.organizationId).eq("userId", entry.userId),
      )
      .order("desc")
      .collect();
    for (const stale of older.slice(HISTORY_LENGTH)) await ctx.db.delete(stale._id);
  },
});
