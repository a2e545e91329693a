import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { appError } from "../lib/errors";

/**
 * The owner key a conversation's customer rows are read for: their verified e-mail, or null when nobody
 * vouched for it. The conversation must be the organization's (the caller's membership is checked by
 * the action that asks).
 */
export const ownerKey = internalQuery({
  args: { organizationId: v.id("organizations"), conversationId: v.id("conversations") },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { organizationId, conversationId }) => {
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null || conversation.organizationId !== organizationId)
      throw appError("not_found", "This conversation does not exist in this organization.");
    const session = await ctx.db.get(conversation.contactSessionId);
    return session?.identity.kind === "verified" ? session.identity.ownerKey : null;
  },
});
