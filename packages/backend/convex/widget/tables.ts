import { defineTable } from "convex/server";
import { v } from "convex/values";

export const vWidgetPosition = v.union(v.literal("bottom-right"), v.literal("bottom-left"));

/** What an admin sets in the dashboard's widget settings; the widget shows it to every visitor. */
export const widgetSettingsFields = {
  greeting: v.string(),
  /** At most 4 starter questions shown as buttons. */
  suggestions: v.array(v.string()),
  /** `#rrggbb`: the launcher's and the widget's accent colour. */
  primaryColor: v.string(),
  position: vWidgetPosition,
};

export const widgetTables = {
  widgetSettings: defineTable({
    organizationId: v.id("organizations"),
    ...widgetSettingsFields,
    updatedAt: v.number(),
  }).index("by_organizationId", ["organizationId"]),
};
