"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { searchKnowledge } from "../knowledge/search";
import { vKnowledgeHit } from "../knowledge/validators";
import { vViewer } from "../access/viewer";

/** The agent's knowledge-base search (and `npx convex run system/knowledge:search`). */
export const search = internalAction({
  args: {
    organizationId: v.id("organizations"),
    query: v.string(),
    viewer: vViewer,
    limit: v.optional(v.number()),
  },
  returns: v.array(vKnowledgeHit),
  handler: (ctx, { organizationId, query, viewer, limit }) =>
    searchKnowledge(ctx, organizationId, query, viewer, limit === undefined ? {} : { limit }),
});
