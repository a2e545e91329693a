import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { demoActionDefinitions } from "../agentActions/demoActions";
import { validateDefinition } from "../agentActions/definition";
import { saveHeaders, storedDefinition } from "../agentActions/model";
import { appError } from "../lib/errors";

/**
 * Seeds the demo organization's actions against the demo CRM (once: an organization that has any
 * action keeps its own). The API key is sealed like any secret header; it is an argument here because
 * `pnpm dev` calls this directly (never through the scheduler).
 */
export const seed = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    userId: v.id("users"),
    crmUrl: v.string(),
    apiKey: v.string(),
  },
  returns: v.number(),
  handler: async (ctx, { organizationId, userId, crmUrl, apiKey }) => {
    const organization = await ctx.db.get(organizationId);
    if (organization === null || !organization.isDemo)
      throw appError("forbidden", "Only the demo organization gets the demo actions.");
    const existing = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .first();
    if (existing !== null) return 0;
    const definitions = demoActionDefinitions(crmUrl);
    for (const input of definitions) {
      const definition = validateDefinition(input, organization.networkAccess ?? "public_internet");
      const actionId = await ctx.db.insert("agentActions", {
        ...storedDefinition(definition),
        organizationId,
        updatedAt: Date.now(),
        updatedBy: userId,
      });
      await saveHeaders(ctx, (await ctx.db.get(actionId))!, [
        { name: "Authorization", secret: true, value: `Bearer ${apiKey}` },
      ]);
    }
    return definitions.length;
  },
});
