"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction, type ActionCtx } from "../_generated/server";
import { vApiCaller, type ApiCaller } from "../apiKeys/model";
import { appError, isAppError } from "../lib/errors";
import { draftSql, runAndAnswer } from "../sqlConsole/ask";
import { runConsolePage, type ConsoleActing } from "../sqlConsole/run";
import { vConsolePage } from "../sqlConsole/validators";

/*
 * `POST /v1/sql` and `POST /v1/ask` (keys with the `sql` scope): the console's own path, acting as the
 * key (audit actor `api_key`, no admin history). Arguments are ids and the request: never a secret.
 */

async function actingFor(ctx: ActionCtx, caller: ApiCaller): Promise<ConsoleActing> {
  const mayQuery = await ctx.runQuery(internal.system.apiKeys.creatorIsAdmin, {
    organizationId: caller.organizationId,
    userId: caller.createdBy,
  });
  if (!mayQuery) {
    throw appError(
      "forbidden",
      "The admin who created this key is no longer an owner or admin of the organization; an admin can create a new key.",
    );
  }
  return {
    organizationId: caller.organizationId,
    actor: { kind: "api_key", apiKeyId: caller.apiKeyId, prefix: caller.prefix },
  };
}

const vParams = v.array(v.union(v.string(), v.number(), v.boolean(), v.null()));

export const run = internalAction({
  args: { caller: vApiCaller, sql: v.string(), params: vParams, page: v.number(), pageSize: v.number() },
  returns: vConsolePage,
  handler: async (ctx, { caller, ...request }) =>
    await runConsolePage(ctx, await actingFor(ctx, caller), { ...request, runId: crypto.randomUUID() }),
});

export const ask = internalAction({
  args: { caller: vApiCaller, question: v.string(), pageSize: v.number() },
  returns: v.object({
    sql: v.string(),
    modelId: v.string(),
    page: vConsolePage,
    answer: v.string(),
    withheldColumns: v.array(v.string()),
  }),
  handler: async (ctx, { caller, question, pageSize }) => {
    const acting = await actingFor(ctx, caller);
    const draft = await draftSql(ctx, acting, question);
    try {
      const answered = await runAndAnswer(ctx, acting, {
        question,
        sql: draft.sql,
        pageSize,
        runId: crypto.randomUUID(),
      });
      return { ...draft, ...answered };
    } catch (error) {
      // The caller never saw the statement: a refusal or database error says which one it was.
      if (!isAppError(error)) throw error;
      const { code, message, ...extra } = error.data;
      throw appError(code, message, { ...extra, sql: draft.sql });
    }
  },
});
