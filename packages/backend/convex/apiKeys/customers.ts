import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { Viewer } from "../access/viewer";
import { normalizeEmail, signatureMatches, verifyIdentityToken } from "../contacts/identity";
import { appError } from "../lib/errors";
import type { vVerificationMethod } from "../contacts/tables";

/*
 * Who an API request speaks for. A key with `customers:assert` vouches for `customer.email` itself (its
 * server signed the customer in); otherwise the site's identity signature or JWT proves it, exactly as
 * for the widget; otherwise the customer is anonymous and sees only public data, as the widget's
 * unverified visitor does. A proof that does not match is refused, never downgraded.
 */

export const vApiCustomer = v.object({
  email: v.string(),
  name: v.optional(v.string()),
  signature: v.optional(v.string()),
  identityToken: v.optional(v.string()),
});
export type ApiCustomer = Infer<typeof vApiCustomer>;

export type ApiIdentity =
  { kind: "verified"; email: string; method: Infer<typeof vVerificationMethod> } | { kind: "anonymous" };

export async function resolveApiCustomer(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  mayAssert: boolean,
  customer: ApiCustomer | undefined,
): Promise<ApiIdentity> {
  if (customer === undefined) return { kind: "anonymous" };
  const email = normalizeEmail(customer.email);
  const { signature, identityToken } = customer;
  if (signature === undefined && identityToken === undefined) {
    return mayAssert ? { kind: "verified", email, method: "api_key" } : { kind: "anonymous" };
  }
  const secret = (
    await ctx.db
      .query("widgetSecrets")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .unique()
  )?.secret;
  const valid =
    secret !== undefined &&
    (signature !== undefined
      ? await signatureMatches(secret, email, signature)
      : (await verifyIdentityToken(secret, identityToken ?? "")) === email);
  if (!valid) {
    throw appError(
      "forbidden",
      "The customer's identity signature or token does not match this e-mail; the site must sign it again.",
    );
  }
  return { kind: "verified", email, method: signature !== undefined ? "signature" : "identity_token" };
}

export function viewerOf(identity: ApiIdentity): Viewer {
  return { kind: "contact", verifiedOwnerKey: identity.kind === "verified" ? identity.email : null };
}

/**
 * The contact session an API customer's conversations hang on (the inbox shows its name and e-mail),
 * one per organization and identity. Its `tokenHash` is not a SHA-256 of any token, so no widget can
 * ever hold it.
 */
export async function apiContactSession(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  identity: ApiIdentity,
  name: string | undefined,
): Promise<Doc<"contactSessions">> {
  const tokenHash = `api:${organizationId}:${identity.kind === "verified" ? identity.email : "anonymous"}`;
  const existing = await ctx.db
    .query("contactSessions")
    .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
  if (existing !== null) return existing;
  const email = identity.kind === "verified" ? identity.email : "";
  const sessionId = await ctx.db.insert("contactSessions", {
    organizationId,
    tokenHash,
    name: name?.trim() || (identity.kind === "verified" ? email : "API visitor"),
    email,
    identity:
      identity.kind === "verified"
        ? { kind: "verified", ownerKey: email, method: identity.method }
        : { kind: "unverified" },
    // Never used as a widget session (no token exists); the agent reads its identity, not its expiry.
    expiresAt: 0,
  });
  return (await ctx.db.get(sessionId))!;
}
