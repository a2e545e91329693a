import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { appError } from "../lib/errors";

/*
 * The operator's switch for one organization's egress: a self-hosted database in the operator's own
 * network needs `private_networks`; every other tenant stays on the public internet. Internal only, so
 * no dashboard or widget caller can reach it; run it with
 * `npx convex run system/networkAccess:grantPrivateNetworks '{"organizationId":"…"}'`.
 */

export const grantPrivateNetworks = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    if ((await ctx.db.get(organizationId)) === null)
      throw appError("not_found", "This organization does not exist.");
    await ctx.db.patch(organizationId, { networkAccess: "private_networks" });
    return null;
  },
});

export const revokePrivateNetworks = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    if ((await ctx.db.get(organizationId)) === null)
      throw appError("not_found", "This organization does not exist.");
    await ctx.db.patch(organizationId, { networkAccess: "public_internet" });
    return null;
  },
});
