import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { clientKeyFor } from "../contacts/clientKeys";
import { sha256Hex } from "../contacts/sessionToken";
import { enforceRateLimit } from "../lib/rateLimits";
import { DASHBOARD_CLIENT_LIFETIME_MS, newDashboardClientToken } from "../accounts/clientTokens";

/**
 * Mints a dashboard client token (the `/dashboard/clients` HTTP route calls this with the address its
 * trusted proxy reported, or null): per network when the address is known, and under one
 * deployment-wide ceiling either way. Only the token's hash is stored.
 */
export const register = internalMutation({
  args: { address: v.union(v.string(), v.null()) },
  returns: v.object({ clientToken: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { address }) => {
    const clientToken = newDashboardClientToken();
    const tokenHash = await sha256Hex(clientToken);
    const clientKey = await clientKeyFor(address, tokenHash);
    if (address !== null) await enforceRateLimit(ctx, "registerDashboardClientPerNetwork", clientKey);
    await enforceRateLimit(ctx, "registerDashboardClient");
    const expiresAt = Date.now() + DASHBOARD_CLIENT_LIFETIME_MS;
    await ctx.db.insert("dashboardClients", { tokenHash, clientKey, expiresAt });
    return { clientToken, expiresAt };
  },
});
