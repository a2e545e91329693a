import { v, type Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { textFieldProblems } from "../lib/textRules";
import {
  HEX_COLOR,
  MAX_GREETING_LENGTH,
  MAX_SUGGESTION_LENGTH,
  MAX_SUGGESTIONS,
} from "../shared/widgetSettings";
import { vWidgetPosition, type widgetSettingsFields } from "./tables";

/* Widget settings: defaults, field checks, and the stored row or the defaults for an organization. */

export const vWidgetSettings = v.object({
  greeting: v.string(),
  suggestions: v.array(v.string()),
  primaryColor: v.string(),
  position: vWidgetPosition,
});
export type WidgetSettings = Infer<typeof vWidgetSettings>;
type Fields = { [K in keyof typeof widgetSettingsFields]: Infer<(typeof widgetSettingsFields)[K]> };

export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  greeting: "Hi! How can we help you today?",
  suggestions: ["What can you help me with?", "How do I talk to a person?"],
  primaryColor: "#2563eb",
  position: "bottom-right",
};

/** Trims and checks every field, naming each bad one; nothing is saved unless all pass. */
export function checkWidgetSettings(input: Fields): WidgetSettings {
  const greeting = input.greeting.trim();
  const suggestions = input.suggestions.map((s) => s.trim()).filter((s) => s !== "");
  const fields = [
    ...(greeting.length < 1 || greeting.length > MAX_GREETING_LENGTH
      ? [{ field: "greeting", message: `must be 1 to ${MAX_GREETING_LENGTH} characters` }]
      : textFieldProblems("greeting", greeting)),
    ...(suggestions.length > MAX_SUGGESTIONS || suggestions.some((s) => s.length > MAX_SUGGESTION_LENGTH)
      ? [
          {
            field: "suggestions",
            message: `at most ${MAX_SUGGESTIONS}, each at most ${MAX_SUGGESTION_LENGTH} characters`,
          },
        ]
      : input.suggestions.flatMap((s, i) => textFieldProblems(`suggestions.${i}`, s.trim()))),
    ...(!HEX_COLOR.test(input.primaryColor)
      ? [{ field: "primaryColor", message: "must be a hex colour like #2563eb" }]
      : []),
  ];
  if (fields.length > 0) {
    throw appError("invalid_input", `Check ${fields.map((f) => f.field).join(", ")}.`, { fields });
  }
  return { greeting, suggestions, primaryColor: input.primaryColor.toLowerCase(), position: input.position };
}

export async function widgetSettingsFor(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
): Promise<WidgetSettings> {
  const row = await ctx.db
    .query("widgetSettings")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .unique();
  if (row === null) return DEFAULT_WIDGET_SETTINGS;
  return {
    greeting: row.greeting,
    suggestions: row.suggestions,
    primaryColor: row.primaryColor,
    position: row.position,
  };
}

export async function requireOrganizationName(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
): Promise<string> {
  const organization = await ctx.db.get(organizationId);
  if (organization === null)
    throw appError("not_found", "Unknown organization: check the widget's data-organization-id.");
  return organization.name;
}
