"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { vPlaygroundAnswer } from "../conversations/validators";
import { vViewer } from "../access/viewer";
import { askAgent } from "../agent/playgroundAsk";

/**
 * Ask the real agent one question as a viewer, on a fresh thread (eval harness, operators):
 * `npx convex run system/playground:ask '{"organizationId":"...","question":"where is order 1001?",
 * "viewer":{"kind":"contact","verifiedOwnerKey":"alice@example.com"}}'`.
 */
export const ask = internalAction({
  args: {
    organizationId: v.id("organizations"),
    question: v.string(),
    viewer: vViewer,
    /** Answer as of this instant (ms since the epoch): the eval pins the date its cases were written for. */
    asOf: v.optional(v.number()),
  },
  returns: vPlaygroundAnswer,
  handler: (ctx, { organizationId, question, viewer, asOf }) =>
    askAgent(ctx, {
      organizationId,
      question,
      viewer,
      actor: { kind: "system", name: "playground" },
      ...(asOf !== undefined && { asOf }),
    }),
});
