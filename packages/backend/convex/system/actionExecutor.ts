"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { executeRun } from "../agentActions/execute";

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
