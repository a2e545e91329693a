import { v } from "convex/values";
import { adminQuery } from "../lib/functions";
import { historyOf } from "../sqlConsole/history";
import { consoleHistoryFields } from "../sqlConsole/tables";

/* The SQL page's history; running and cancelling are in sqlConsoleActions.ts (Node). */

/** The caller's last 50 statements in this organization, newest first. */
export const history = adminQuery({
  args: {},
  returns: v.array(
    v.object({ _id: v.id("sqlConsoleHistory"), _creationTime: v.number(), ...consoleHistoryFields }),
  ),
  handler: (ctx) => historyOf(ctx, ctx.member.organizationId, ctx.member.userId),
});
