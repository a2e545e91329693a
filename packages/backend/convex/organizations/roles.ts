import { getAuthUserId } from "@convex-dev/auth/server";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import type { Role } from "../shared/organizations";

export type { Role };

/** Who is acting, for which organization, with which role. Every private handler receives one. */
export interface Member {
  userId: Id<"users">;
  organizationId: Id<"organizations">;
  role: Role;
}

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(member: Member, atLeast: Role): boolean {
  return RANK[member.role] >= RANK[atLeast];
}

export function requireRole(member: Member, atLeast: Role): Member {
  if (!hasRole(member, atLeast)) {
    throw appError("forbidden", `Only an organization ${atLeast} can do this; your role is ${member.role}.`);
  }
  return member;
}

export async function requireUserId(ctx: { auth: QueryCtx["auth"] }): Promise<Id<"users">> {
  const userId = await getAuthUserId(ctx);
  if (userId === null) throw appError("unauthenticated", "Sign in to continue.");
  return userId;
}

/**
 * The signed-in user's membership of `organizationId`. Not a member and no such organization give the
 * same answer, so ids of other organizations reveal nothing.
 */
export async function resolveMember(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<Member> {
  const userId = await requireUserId(ctx);
  const membership = await ctx.db
    .query("memberships")
    .withIndex("by_organizationId_and_userId", (q) =>
      q.eq("organizationId", organizationId).eq("userId", userId),
    )
    .unique();
  if (membership === null) throw appError("forbidden", "You are not a member of this organization.");
  return { userId, organizationId, role: membership.role };
}
