import { v } from "convex/values";
import { newWidgetSecret } from "../contacts/identity";
import { adminMutation, adminQuery } from "../lib/functions";

/* Widget settings → verified identity: the secret the organization's server signs e-mails with. */

export const status = adminQuery({
  args: {},
  returns: v.object({ configured: v.boolean(), rotatedAt: v.union(v.number(), v.null()) }),
  handler: async (ctx) => {
    const secret = await ctx.db
      .query("widgetSecrets")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .unique();
    return { configured: secret !== null, rotatedAt: secret?.rotatedAt ?? null };
  },
});

/** Creates or replaces the secret and shows it this once; signatures made with the old one stop working. */
export const rotateSecret = adminMutation({
  args: {},
  returns: v.object({ secret: v.string(), rotatedAt: v.number() }),
  handler: async (ctx) => {
    const existing = await ctx.db
      .query("widgetSecrets")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .unique();
    const fields = { secret: newWidgetSecret(), rotatedAt: Date.now() };
    if (existing === null)
      await ctx.db.insert("widgetSecrets", { organizationId: ctx.member.organizationId, ...fields });
    else await ctx.db.patch(existing._id, fields);
    return fields;
  },
});
