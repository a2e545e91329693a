"use node";

import { v } from "convex/values";
import { adminAction } from "../lib/functions";
import type { Member } from "../organizations/roles";
import { draftSql, runAndAnswer } from "../sqlConsole/ask";
import { cancelConsoleRun, runConsolePage } from "../sqlConsole/run";
import { vConsolePage, vConsoleRequest } from "../sqlConsole/validators";

/* The SQL page's actions (admins only). Node: the drivers speak TCP and the AWS SDK. */

const acting = (member: Member) => ({
  organizationId: member.organizationId,
  userId: member.userId,
  actor: { kind: "member" as const, userId: member.userId },
});

/** One page of a read-only statement (or its EXPLAIN plan); the database's error, with position, on failure. */
export const run = adminAction({
  args: vConsoleRequest,
  returns: vConsolePage,
  handler: (ctx, request) => runConsolePage(ctx, acting(ctx.member), request),
});

/** Stops the run `runId` if it is still running; Aurora and the Redshift Data API answer `unsupported`. */
export const cancel = adminAction({
  args: { runId: v.string() },
  returns: v.boolean(),
  handler: (ctx, { runId }) => cancelConsoleRun(ctx, acting(ctx.member), runId),
});

/**
 * "Ask in English", step 1: the SQL a provider model writes for the question, for the admin to review
 * in the editor. Nothing runs. `provider_model_required` with the offline model.
 */
export const draftFromQuestion = adminAction({
  args: { question: v.string() },
  returns: v.object({ sql: v.string(), modelId: v.string() }),
  handler: (ctx, { question }) => draftSql(ctx, acting(ctx.member), question),
});

/**
 * Step 2, when the admin runs the reviewed statement: its first page, exactly as `run` gives it
 * (guard, timeout, history, audit), and the question answered in one sentence from those rows.
 */
export const runAndAnswerQuestion = adminAction({
  args: {
    question: v.string(),
    sql: vConsoleRequest.sql,
    params: vConsoleRequest.params,
    pageSize: vConsoleRequest.pageSize,
    runId: vConsoleRequest.runId,
  },
  returns: v.object({ page: vConsolePage, answer: v.string(), withheldColumns: v.array(v.string()) }),
  handler: (ctx, request) => runAndAnswer(ctx, acting(ctx.member), request),
});
