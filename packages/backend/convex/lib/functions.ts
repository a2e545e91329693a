import { customAction, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { action, mutation, query, type ActionCtx } from "../_generated/server";
import { requireRole, requireUserId, resolveMember, type Member, type Role } from "../organizations/roles";

/*
 * The only way to write a private (dashboard) function: each wrapper resolves the caller before the
 * handler runs, so no handler can forget the check. `member*` take `organizationId` and give
 * `ctx.member`; `admin*` also require the admin role; `user*` only require a signed-in user.
 */

const organizationArgs = { organizationId: v.id("organizations") };

function memberQueryWith(atLeast: Role) {
  return customQuery(query, {
    args: organizationArgs,
    input: async (ctx, { organizationId }) => {
      const member = requireRole(await resolveMember(ctx, organizationId), atLeast);
      return { ctx: { member }, args: {} };
    },
  });
}

function memberMutationWith(atLeast: Role) {
  return customMutation(mutation, {
    args: organizationArgs,
    input: async (ctx, { organizationId }) => {
      const member = requireRole(await resolveMember(ctx, organizationId), atLeast);
      return { ctx: { member }, args: {} };
    },
  });
}

/** Actions cannot read the database: the membership is resolved by an internal query with the caller's identity. */
async function resolveMemberFromAction(
  ctx: ActionCtx,
  organizationId: Member["organizationId"],
): Promise<Member> {
  return await ctx.runQuery(internal.system.members.resolve, { organizationId });
}

function memberActionWith(atLeast: Role) {
  return customAction(action, {
    args: organizationArgs,
    input: async (ctx, { organizationId }) => {
      const member = requireRole(await resolveMemberFromAction(ctx, organizationId), atLeast);
      return { ctx: { member }, args: {} };
    },
  });
}

export const memberQuery = memberQueryWith("member");
export const memberMutation = memberMutationWith("member");
export const memberAction = memberActionWith("member");
export const adminQuery = memberQueryWith("admin");
export const adminMutation = memberMutationWith("admin");
export const adminAction = memberActionWith("admin");

export const userQuery = customQuery(query, {
  args: {},
  input: async (ctx) => ({ ctx: { userId: await requireUserId(ctx) }, args: {} }),
});

export const userMutation = customMutation(mutation, {
  args: {},
  input: async (ctx) => ({ ctx: { userId: await requireUserId(ctx) }, args: {} }),
});
