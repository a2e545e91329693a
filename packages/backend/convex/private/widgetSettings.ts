import { adminMutation, adminQuery } from "../lib/functions";
import { checkWidgetSettings, vWidgetSettings, widgetSettingsFor } from "../widget/settings";
import { widgetSettingsFields } from "../widget/tables";

/* Dashboard → widget settings: greeting, suggestions, colour, position (defaults until saved). */

export const get = adminQuery({
  args: {},
  returns: vWidgetSettings,
  handler: async (ctx) => await widgetSettingsFor(ctx, ctx.member.organizationId),
});

export const save = adminMutation({
  args: widgetSettingsFields,
  returns: vWidgetSettings,
  handler: async (ctx, args) => {
    const settings = checkWidgetSettings(args);
    const organizationId = ctx.member.organizationId;
    const existing = await ctx.db
      .query("widgetSettings")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .unique();
    const row = { organizationId, ...settings, updatedAt: Date.now() };
    if (existing === null) await ctx.db.insert("widgetSettings", row);
    else await ctx.db.replace(existing._id, row);
    return settings;
  },
});
