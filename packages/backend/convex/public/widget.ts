import { v } from "convex/values";
import { query } from "../_generated/server";
import { appError } from "../lib/errors";
import { requireOrganizationName, vWidgetSettings, widgetSettingsFor } from "../widget/settings";

/* Called by the embed loader and the widget before any session exists: how the widget looks. */

export const settings = query({
  // A string, not v.id: a mistyped data-organization-id must get `not_found`, not a validator error.
  args: { organizationId: v.string() },
  returns: v.object({ organizationName: v.string(), ...vWidgetSettings.fields }),
  handler: async (ctx, args) => {
    const organizationId = ctx.db.normalizeId("organizations", args.organizationId);
    if (organizationId === null)
      throw appError("not_found", "Unknown organization: check the widget's data-organization-id.");
    const organizationName = await requireOrganizationName(ctx, organizationId);
    return { organizationName, ...(await widgetSettingsFor(ctx, organizationId)) };
  },
});
