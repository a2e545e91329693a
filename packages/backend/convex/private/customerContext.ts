import { v } from "convex/values";
import { customerContextOf, vCustomerContext } from "../conversations/customerContext";
import { inOrganization } from "../conversations/team";
import { memberQuery } from "../lib/functions";

/* The inbox's customer panel: identity and earlier conversations (rows: customerContextActions.ts). */

export const get = memberQuery({
  args: { conversationId: v.id("conversations") },
  returns: vCustomerContext,
  handler: async (ctx, { conversationId }) =>
    await customerContextOf(ctx, await inOrganization(ctx, ctx.member, conversationId)),
});
