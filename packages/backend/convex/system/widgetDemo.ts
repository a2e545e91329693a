import { v } from "convex/values";
import { newWidgetSecret, signIdentity } from "../contacts/identity";
import { internalMutation } from "../_generated/server";
import { appError } from "../lib/errors";

/**
 * For `pnpm dev`'s demo host page, which plays the organization's own server: signs one customer's
 * e-mail with the demo organization's widget secret (created when missing). Only the signature leaves;
 * the secret stays in the deployment. Refuses organizations that are not the demo.
 */
export const signDemoIdentity = internalMutation({
  args: { organizationId: v.id("organizations"), email: v.string() },
  returns: v.object({ signature: v.string() }),
  handler: async (ctx, { organizationId, email }) => {
    const organization = await ctx.db.get(organizationId);
    if (organization === null || !organization.isDemo)
      throw appError("forbidden", "Only the demo organization's identities are signed here.");
    const stored = await ctx.db
      .query("widgetSecrets")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .unique();
    let secret = stored?.secret;
    if (secret === undefined) {
      secret = newWidgetSecret();
      await ctx.db.insert("widgetSecrets", { organizationId, secret, rotatedAt: Date.now() });
    }
    return { signature: await signIdentity(secret, email) };
  },
});
