"use node";

import { v } from "convex/values";
import { vKnowledgeHit } from "../knowledge/validators";
import { adminAction } from "../lib/functions";
import { searchKnowledge } from "../knowledge/search";

/** The Knowledge page's search box: what the agent would retrieve, seen as an admin (every scope). */
export const search = adminAction({
  args: { query: v.string(), limit: v.optional(v.number()) },
  returns: v.array(vKnowledgeHit),
  handler: (ctx, { query, limit }) =>
    searchKnowledge(
      ctx,
      ctx.member.organizationId,
      query,
      { kind: "admin" },
      limit === undefined ? {} : { limit },
    ),
});
