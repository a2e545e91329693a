import { defineTable } from "convex/server";
import { v } from "convex/values";

export const vRole = v.union(v.literal("owner"), v.literal("admin"), v.literal("member"));

/**
 * What the organization's outbound connections may reach (`@answerbase/egress`): unset means
 * `public_internet`, every tenant's default; `private_networks` is granted by the operator only
 * (`system/networkAccess:grantPrivateNetworks`) and by `pnpm dev` to the demo organization.
 */
export const vNetworkAccess = v.union(v.literal("public_internet"), v.literal("private_networks"));

export const organizationFields = {
  name: v.string(),
  createdBy: v.id("users"),
  /** The seeded demo organization of the embedded default; the only one allowed a platform database. */
  isDemo: v.boolean(),
  /** Never written by a tenant's function: see `vNetworkAccess`. */
  networkAccess: v.optional(vNetworkAccess),
};

export const membershipFields = {
  organizationId: v.id("organizations"),
  userId: v.id("users"),
  role: vRole,
};

export const invitationFields = {
  organizationId: v.id("organizations"),
  role: v.union(v.literal("admin"), v.literal("member")),
  /** SHA-256 of the token in the link; the token itself is shown once, to the inviter. */
  tokenHash: v.string(),
  invitedBy: v.id("users"),
  expiresAt: v.number(),
  status: v.union(
    v.object({ kind: v.literal("pending") }),
    v.object({ kind: v.literal("accepted"), userId: v.id("users"), at: v.number() }),
    v.object({ kind: v.literal("revoked"), at: v.number() }),
  ),
};

export const organizationTables = {
  organizations: defineTable(organizationFields),
  memberships: defineTable(membershipFields)
    .index("by_userId", ["userId"])
    .index("by_organizationId_and_userId", ["organizationId", "userId"]),
  invitations: defineTable(invitationFields)
    .index("by_tokenHash", ["tokenHash"])
    .index("by_organizationId", ["organizationId"]),
  /** The organization a user last switched to, so every device opens on it. */
  userPreferences: defineTable({ userId: v.id("users"), activeOrganizationId: v.id("organizations") }).index(
    "by_userId",
    ["userId"],
  ),
};
