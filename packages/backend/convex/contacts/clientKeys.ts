import ipaddr from "ipaddr.js";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { sha256Hex, toHex } from "./sessionToken";

/*
 * Who is asking, for abuse limits that one visitor cannot turn against the others. Every limit a
 * visitor can exhaust is counted per *client key* first, under a much higher per-organization ceiling:
 *
 * - `network:<hash>` when the deployment trusts a proxy's client-IP header
 *   (`ANSWERBASE_CLIENT_IP_HEADER`, e.g. `cf-connecting-ip` or `x-forwarded-for`): every token minted
 *   from one address (one IPv6 /64) shares its budget, so minting more tokens buys nothing.
 * - `client:<hash>` otherwise: one random token per browser (the widget keeps it), minted under a
 *   per-organization ceiling. Without a trusted IP this is the weaker guarantee: a visitor who floods
 *   with one token only exhausts that token, but one who mints tokens competes for the minting ceiling.
 *
 * Callers without any client token (server integrations, tests) share one small per-organization
 * bucket, separate from the widget's.
 */

/** A network (trusted client IP) or one widget client token. */
export type ClientKey = `network:${string}` | `client:${string}`;

export const CLIENT_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const TOKEN = /^wc_[0-9a-f]{64}$/;

/**
 * The caller's address from the trusted proxy header, or null. With a list (`x-forwarded-for`), the
 * right-most entry is the one the trusted proxy added; anything to its left came from the client.
 */
export function clientAddress(headers: Headers, headerName: string | undefined): string | null {
  if (headerName === undefined) return null;
  const value = headers.get(headerName);
  const last = value?.split(",").at(-1)?.trim();
  if (!last || !ipaddr.isValid(last)) return null;
  const address = ipaddr.process(last);
  // One IPv6 subscriber usually holds a whole /64: count it as one network.
  if (address.kind() === "ipv6") {
    const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
    return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
  }
  return address.toString();
}

export function newClientToken(): string {
  return `wc_${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** The key a new client's limits count under: its network when known, else the token itself. */
export async function clientKeyFor(address: string | null, tokenHash: string): Promise<ClientKey> {
  if (address === null) return `client:${tokenHash.slice(0, 32)}`;
  return `network:${(await sha256Hex(address)).slice(0, 32)}`;
}

/**
 * The client key behind a widget client token of this organization, or null when none was given.
 * A malformed, unknown, expired or foreign token is refused (the widget then mints a new one).
 */
export async function resolveClientKey(
  ctx: QueryCtx | MutationCtx,
  organizationId: Id<"organizations">,
  clientToken: string | undefined,
): Promise<ClientKey | null> {
  if (clientToken === undefined) return null;
  const tokenHash = TOKEN.test(clientToken) ? await sha256Hex(clientToken) : null;
  const client =
    tokenHash === null
      ? null
      : await ctx.db
          .query("widgetClients")
          .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
          .unique();
  if (client === null || client.organizationId !== organizationId || client.expiresAt <= Date.now()) {
    throw appError("invalid_input", "This chat client is not valid any more; reload the chat.", {
      fields: [{ field: "clientToken", message: "is unknown or expired" }],
    });
  }
  return client.clientKey as ClientKey;
}
