"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { vViewer } from "../access/viewer";
import { gatherAnswerSources } from "../agent/answerSources";

/**
 * What the agent's lookup tool sees for a question, for operators and tests:
 * `npx convex run system/answers:lookup '{"organizationId":"...","question":"where is order 1001?",
 * "viewer":{"kind":"contact","verifiedOwnerKey":"alice@example.com"}}'`.
 */
export const lookup = internalAction({
  args: {
    organizationId: v.id("organizations"),
    question: v.string(),
    viewer: vViewer,
    /** Per-source hard timeout (default 10 s). */
    timeoutMs: v.optional(v.number()),
    /** Run the database lookup, then the knowledge-base search (for bench/retrieval.bench.ts). */
    sequential: v.optional(v.boolean()),
  },
  handler: (ctx, { organizationId, question, viewer, timeoutMs, sequential }) =>
    gatherAnswerSources(
      ctx,
      { organizationId, question, viewer, actor: { kind: "system", name: "cli" } },
      {
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(sequential === undefined ? {} : { sequential }),
      },
    ),
});
