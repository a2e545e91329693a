import { v } from "convex/values";
import { adminMutation, adminQuery } from "../lib/functions";
import { askModelStatus, vAskModel } from "../sqlConsole/askModel";
import { createExportTicket, exportStatusOf } from "../sqlConsole/exports";
import { historyOf } from "../sqlConsole/history";
import { consoleExportFields, consoleHistoryFields, vExportStatus } from "../sqlConsole/tables";

/* The SQL page's history and CSV exports; running and cancelling are in sqlConsoleActions.ts (Node). */

/** The caller's last 50 statements in this organization, newest first. */
export const history = adminQuery({
  args: {},
  returns: v.array(
    v.object({ _id: v.id("sqlConsoleHistory"), _creationTime: v.number(), ...consoleHistoryFields }),
  ),
  handler: (ctx) => historyOf(ctx, ctx.member.organizationId, ctx.member.userId),
});

/**
 * A CSV export of the statement: a one-time ticket, valid for a minute, that the page POSTs to
 * `/sql/export` on the deployment's site to download the file (streamed, every row).
 */
export const prepareExport = adminMutation({
  args: { sql: consoleExportFields.sql, params: consoleExportFields.params },
  returns: v.object({ exportId: v.id("sqlConsoleExports"), ticket: v.string() }),
  handler: (ctx, { sql, params }) =>
    createExportTicket(
      ctx,
      { organizationId: ctx.member.organizationId, userId: ctx.member.userId },
      sql,
      params,
    ),
});

/** Where the caller's export is (rows so far, done, failed with the database's message). */
export const exportStatus = adminQuery({
  args: { exportId: v.id("sqlConsoleExports") },
  returns: v.union(v.null(), vExportStatus),
  handler: (ctx, { exportId }) =>
    exportStatusOf(ctx, { organizationId: ctx.member.organizationId, userId: ctx.member.userId }, exportId),
});

/** Whether "Ask in English" can run here: a provider model, or the offline one and why it cannot. */
export const askModel = adminQuery({
  args: {},
  returns: vAskModel,
  handler: () => askModelStatus(),
});
