import type { MutationCtx, QueryCtx } from "../_generated/server";
import { type ClientKey } from "../contacts/clientKeys";
import { sha256Hex, toHex } from "../contacts/sessionToken";
import { appError } from "../lib/errors";

/*
 * The dashboard's client token: 32 random bytes a browser keeps in localStorage and sends with every
 * sign-in and sign-up (`params.clientToken`), minted by `POST /dashboard/clients`. Only its SHA-256 is
 * stored. It names the client a sign-in back-off counts per (accounts/backoff.ts) and, with the
 * network behind a trusted proxy, the client a sign-up limit counts per (contacts/clientKeys.ts).
 */

export const DASHBOARD_CLIENT_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const TOKEN = /^dc_[0-9a-f]{64}$/;

export function newDashboardClientToken(): string {
  return `dc_${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A dashboard client as the limits see it. */
export interface DashboardClient {
  /** Per (account, client) back-off: this browser, never its network. */
  client: `token:${string}`;
  /** Sign-up limits: the network when a trusted proxy reports it, else the token. */
  clientKey: ClientKey;
}

/**
 * The client behind a token, or null when none was given. A malformed, unknown or expired token is
 * refused, naming the field, so the dashboard mints a new one.
 */
export async function resolveDashboardClient(
  ctx: QueryCtx | MutationCtx,
  clientToken: string | undefined,
): Promise<DashboardClient | null> {
  if (clientToken === undefined) return null;
  const tokenHash = TOKEN.test(clientToken) ? await sha256Hex(clientToken) : null;
  const row =
    tokenHash === null
      ? null
      : await ctx.db
          .query("dashboardClients")
          .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
          .unique();
  if (tokenHash === null || row === null || row.expiresAt <= Date.now()) {
    throw appError("invalid_input", "This browser's sign-in token is not valid any more; reload the page.", {
      fields: [{ field: "clientToken", message: "is unknown or expired" }],
    });
  }
  return { client: `token:${tokenHash.slice(0, 32)}`, clientKey: row.clientKey as ClientKey };
}
