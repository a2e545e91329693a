import { defineTable } from "convex/server";
import { v } from "convex/values";

/** The site's HMAC signature, its short-lived JWT, or an API key allowed to vouch (`customers:assert`). */
export const vVerificationMethod = v.union(
  v.literal("signature"),
  v.literal("identity_token"),
  v.literal("api_key"),
);

export const vContactIdentity = v.union(
  /** The organization's site signed the e-mail: customer-scoped lookups may use it as the owner key. */
  v.object({
    kind: v.literal("verified"),
    ownerKey: v.string(),
    /** How (the session's creation time is when): absent on sessions started before it was recorded. */
    method: v.optional(vVerificationMethod),
  }),
  /** Typed into the widget: public data and the knowledge base only. */
  v.object({ kind: v.literal("unverified") }),
);

export const contactSessionFields = {
  organizationId: v.id("organizations"),
  /** SHA-256 of the widget's bearer token (see sessionToken.ts). */
  tokenHash: v.string(),
  name: v.string(),
  email: v.string(),
  identity: vContactIdentity,
  metadata: v.optional(v.record(v.string(), v.string())),
  expiresAt: v.number(),
  /**
   * Who opened the session (see clientKeys.ts): its message budget is this client's, so opening new
   * sessions never buys more. Absent for sessions started without a client token.
   */
  clientKey: v.optional(v.string()),
};

export const contactTables = {
  contactSessions: defineTable(contactSessionFields)
    .index("by_organizationId", ["organizationId"])
    // A customer's earlier sessions (and so conversations), for the inbox's customer panel.
    .index("by_organizationId_and_email", ["organizationId", "email"])
    .index("by_tokenHash", ["tokenHash"]),
  /**
   * A widget client (one browser, or one network when the deployment trusts a proxy's client-IP
   * header): the bearer token's SHA-256 and the key its rate limits are counted under.
   */
  widgetClients: defineTable({
    organizationId: v.id("organizations"),
    tokenHash: v.string(),
    clientKey: v.string(),
    expiresAt: v.number(),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_expiresAt", ["expiresAt"]),
  /** The key an organization's server signs identities with. Only internal code and admins (once) see it. */
  widgetSecrets: defineTable({
    organizationId: v.id("organizations"),
    secret: v.string(),
    rotatedAt: v.number(),
  }).index("by_organizationId", ["organizationId"]),
};
