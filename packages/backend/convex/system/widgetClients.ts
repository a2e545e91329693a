import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { CLIENT_TOKEN_LIFETIME_MS, clientKeyFor, newClientToken } from "../contacts/clientKeys";
import { sha256Hex } from "../contacts/sessionToken";
import { appError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";

/**
 * Mints a widget client token (the `/widget/clients` HTTP route calls this with the address its
 * trusted proxy reported, or null). Minting is limited per network when the address is known, and
 * per organization under a high ceiling either way. Only the token's hash is stored.
 */
export const register = internalMutation({
  /** The id as the HTTP request gave it: checked here, so a malformed one is a plain not_found. */
  args: { organizationId: v.string(), address: v.union(v.string(), v.null()) },
  returns: v.object({ clientToken: v.string(), expiresAt: v.number() }),
  handler: async (ctx, args) => {
    const organizationId = ctx.db.normalizeId("organizations", args.organizationId);
    const { address } = args;
    if (organizationId === null || (await ctx.db.get(organizationId)) === null)
      throw appError("not_found", "Unknown organization: check the widget's data-organization-id.");
    const clientToken = newClientToken();
    const tokenHash = await sha256Hex(clientToken);
    const clientKey = await clientKeyFor(address, tokenHash);
    if (address !== null) await enforceRateLimit(ctx, "registerWidgetClientPerNetwork", clientKey);
    await enforceRateLimit(ctx, "registerWidgetClient", organizationId);
    const expiresAt = Date.now() + CLIENT_TOKEN_LIFETIME_MS;
    await ctx.db.insert("widgetClients", { organizationId, tokenHash, clientKey, expiresAt });
    return { clientToken, expiresAt };
  },
});
