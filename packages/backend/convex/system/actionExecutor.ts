"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { executeRun, requestAndRun } from "../agentActions/execute";

/**
 * Runs a run an operator or the customer approved. Scheduled with the run id alone: the inputs and the
 * sealed headers are loaded inside, so no secret is ever a scheduler argument.
 */
export const execute = internalAction({
  args: { runId: v.id("actionRuns") },
  returns: v.null(),
  handler: async (ctx, { runId }) => {
    await executeRun(ctx, runId, true);
    return null;
  },
});

/**
 * The agent tool's path without a model (`pnpm bench actions` times it): request a run in a
 * conversation and, when approved at once, run it. Returns the customer's sentence and timings.
 */
export const requestNow = internalAction({
  args: { actionId: v.id("agentActions"), conversationId: v.id("conversations"), modelInput: v.any() },
  returns: v.object({
    ok: v.boolean(),
    status: v.string(),
    message: v.string(),
    totalMs: v.number(),
    targetMs: v.union(v.number(), v.null()),
  }),
  handler: async (ctx, request) => {
    const started = performance.now();
    const run = await requestAndRun(ctx, request);
    return {
      ok: run.ok,
      status: run.status,
      message: run.message,
      totalMs: performance.now() - started,
      targetMs: run.targetMs ?? null,
    };
  },
});
