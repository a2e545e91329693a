import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { ORGANIZATION_NAME_LENGTH } from "../shared/organizations";

/* Helpers the organization functions share; no exported Convex functions here. */

export function validName(name: string, what = "Organization name"): string {
  const trimmed = name.trim();
  const { min, max } = ORGANIZATION_NAME_LENGTH;
  if (trimmed.length < min || trimmed.length > max) {
    throw appError("invalid_input", `${what} must be ${min} to ${max} characters.`, {
      fields: [{ field: "name", message: `must be ${min} to ${max} characters` }],
    });
  }
  return trimmed;
}

export async function createOrganization(
  ctx: MutationCtx,
  userId: Id<"users">,
  name: string,
  isDemo = false,
): Promise<Id<"organizations">> {
  const organizationId = await ctx.db.insert("organizations", {
    name: validName(name),
    createdBy: userId,
    isDemo,
    // The demo organization's database is the embedded one on this machine.
    ...(isDemo ? { networkAccess: "private_networks" as const } : {}),
  });
  await ctx.db.insert("memberships", { organizationId, userId, role: "owner" });
  await setActiveOrganization(ctx, userId, organizationId);
  return organizationId;
}

export async function setActiveOrganization(
  ctx: MutationCtx,
  userId: Id<"users">,
  activeOrganizationId: Id<"organizations">,
) {
  const preferences = await ctx.db
    .query("userPreferences")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .unique();
  if (preferences === null) await ctx.db.insert("userPreferences", { userId, activeOrganizationId });
  else await ctx.db.patch(preferences._id, { activeOrganizationId });
}

export async function ownerCount(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<number> {
  const members = await ctx.db
    .query("memberships")
    .withIndex("by_organizationId_and_userId", (q) => q.eq("organizationId", organizationId))
    .collect();
  return members.filter((m) => m.role === "owner").length;
}

/** SHA-256 hex of an invitation token: only the hash is stored. */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function newToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(24))]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}

export async function requireOrganization(ctx: QueryCtx, organizationId: Id<"organizations">) {
  const organization = await ctx.db.get(organizationId);
  if (organization === null) throw appError("not_found", "This organization no longer exists.");
  return organization;
}

/** Another member's membership, for admin operations on it. */
export async function membershipOf(ctx: QueryCtx, organizationId: Id<"organizations">, userId: Id<"users">) {
  const membership = await ctx.db
    .query("memberships")
    .withIndex("by_organizationId_and_userId", (q) =>
      q.eq("organizationId", organizationId).eq("userId", userId),
    )
    .unique();
  if (membership === null) throw appError("not_found", "That person is not a member of this organization.");
  return membership;
}
