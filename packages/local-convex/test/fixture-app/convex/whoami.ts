import { v } from "convex/values";
import { query } from "./_generated/server";

export const get = query({
  args: {},
  returns: v.union(v.null(), v.object({ subject: v.string(), tokenIdentifier: v.string() })),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return identity === null
      ? null
      : { subject: identity.subject, tokenIdentifier: identity.tokenIdentifier };
  },
});
