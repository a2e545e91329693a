"use node";

import { v } from "convex/values";
import { customerRows, vCustomerRows } from "../dataSources/customerRows";
import { memberAction } from "../lib/functions";

/* The inbox's customer panel, its database half (Node: the drivers). */

/**
 * A verified customer's own rows per customer table, as the agent may read them for that customer;
 * with `more`, the next rows of one table.
 */
export const rows = memberAction({
  args: {
    conversationId: v.id("conversations"),
    more: v.optional(v.object({ schema: v.string(), table: v.string(), cursor: v.string() })),
  },
  returns: vCustomerRows,
  handler: (ctx, request) =>
    customerRows(
      ctx,
      { organizationId: ctx.member.organizationId, actor: { kind: "member", userId: ctx.member.userId } },
      request,
    ),
});
