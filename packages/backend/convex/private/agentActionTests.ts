"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import { modelSchemaOf } from "../agentActions/definition";
import { describeOutcomeError, prepareRequest, send } from "../agentActions/http";
import { vInputValue } from "../agentActions/tables";
import type { InputValue } from "../agentActions/templates";
import { appError } from "../lib/errors";
import { adminAction } from "../lib/functions";

/**
 * "Test action": one real request with sample inputs (every input, context ones included, since no
 * conversation is involved), the request shown with secret header values masked and the response's
 * first 2 KB. Audited like any call; nothing is recorded on a conversation.
 */
export const testAction = adminAction({
  args: { actionId: v.id("agentActions"), sampleInputs: v.record(v.string(), vInputValue) },
  returns: v.object({
    request: v.object({
      method: v.string(),
      url: v.string(),
      headers: v.array(v.object({ name: v.string(), value: v.string() })),
      body: v.union(v.string(), v.null()),
    }),
    response: v.union(
      v.object({
        kind: v.literal("response"),
        httpStatus: v.number(),
        durationMs: v.number(),
        excerpt: v.string(),
        fields: v.array(v.object({ field: v.string(), value: vInputValue })),
      }),
      v.object({ kind: v.literal("error"), code: v.string(), message: v.string(), durationMs: v.number() }),
    ),
  }),
  handler: async (ctx, { actionId, sampleInputs }) => {
    const loaded = await ctx.runQuery(internal.system.actionRuns.forTest, {
      organizationId: ctx.member.organizationId,
      actionId,
    });
    if (loaded === null) throw appError("not_found", "This action does not exist.");
    const schema = modelSchemaOf(loaded.action.modelInputSchema);
    if ("problem" in schema) throw appError("invalid_config", schema.problem);
    const modelPart = Object.fromEntries(
      schema.names.filter((n) => n in sampleInputs).map((n) => [n, sampleInputs[n]]),
    );
    const parsed = schema.schema.safeParse(modelPart);
    if (!parsed.success)
      throw appError(
        "invalid_input",
        `The sample inputs do not fit the model input schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    const values = new Map<string, InputValue>(Object.entries(sampleInputs));
    const prepared = await prepareRequest(loaded.action, loaded.sealed, values, `test-${Date.now()}`);
    const outcome = await send(loaded.action, prepared, loaded.network);
    const error = describeOutcomeError(outcome);
    await ctx.runMutation(internal.system.actionRuns.auditTest, {
      organizationId: ctx.member.organizationId,
      userId: ctx.member.userId,
      action: loaded.action.name,
      inputs: [...values].map(([name, value]) => ({ name, value, redacted: true })),
      durationMs: outcome.durationMs,
      ...(outcome.kind === "response" ? { httpStatus: outcome.httpStatus } : {}),
      ...(error === null ? {} : { errorCode: error.code }),
    });
    return {
      request: prepared.shown,
      response:
        outcome.kind === "response"
          ? {
              kind: "response" as const,
              httpStatus: outcome.httpStatus,
              durationMs: outcome.durationMs,
              excerpt: outcome.excerpt,
              fields: outcome.fields,
            }
          : {
              kind: "error" as const,
              code: outcome.code,
              message: outcome.detail,
              durationMs: outcome.durationMs,
            },
    };
  },
});
