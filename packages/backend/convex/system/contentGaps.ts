"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { searchKnowledge } from "../knowledge/search";

/**
 * The resolution check, scheduled when a document finishes indexing: each unresolved group's question
 * is asked of the real knowledge search as an anonymous widget visitor would ask it (public scope), and a
 * group whose question now finds a document is resolved with that document's title.
 */
export const check = internalAction({
  args: { organizationId: v.id("organizations") },
  returns: v.number(),
  handler: async (ctx, { organizationId }) => {
    const groups = await ctx.runQuery(internal.system.contentGapRecords.unresolved, { organizationId });
    let resolved = 0;
    for (const group of groups) {
      const hits = await searchKnowledge(
        ctx,
        organizationId,
        group.question,
        { kind: "contact", verifiedOwnerKey: null },
        { limit: 3 },
      );
      const document = hits.find((hit) => hit.source.kind === "document");
      if (document?.source.kind !== "document") continue;
      await ctx.runMutation(internal.system.contentGapRecords.resolve, {
        gapId: group._id,
        documentTitle: document.source.title,
      });
      resolved += 1;
    }
    return resolved;
  },
});
