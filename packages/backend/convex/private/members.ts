import { v } from "convex/values";
import { vRole } from "../organizations/tables";
import { appError } from "../lib/errors";
import { adminMutation, memberMutation, memberQuery } from "../lib/functions";
import { hasRole } from "../organizations/roles";
import { membershipOf, ownerCount } from "../organizations/model";

export const list = memberQuery({
  args: {},
  returns: v.array(
    v.object({
      userId: v.id("users"),
      name: v.union(v.string(), v.null()),
      email: v.union(v.string(), v.null()),
      role: vRole,
      isYou: v.boolean(),
    }),
  ),
  handler: async (ctx) => {
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_organizationId_and_userId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .collect();
    const members = [];
    for (const membership of memberships) {
      const user = await ctx.db.get(membership.userId);
      members.push({
        userId: membership.userId,
        name: user?.name ?? null,
        email: user?.email ?? null,
        role: membership.role,
        isYou: membership.userId === ctx.member.userId,
      });
    }
    return members;
  },
});

/** Admins manage members and admins; only an owner grants or takes away ownership. */
export const changeRole = adminMutation({
  args: { userId: v.id("users"), role: vRole },
  returns: v.null(),
  handler: async (ctx, { userId, role }) => {
    const target = await membershipOf(ctx, ctx.member.organizationId, userId);
    if ((role === "owner" || target.role === "owner") && !hasRole(ctx.member, "owner")) {
      throw appError("forbidden", "Only an owner can grant or remove the owner role.");
    }
    if (
      target.role === "owner" &&
      role !== "owner" &&
      (await ownerCount(ctx, ctx.member.organizationId)) === 1
    ) {
      throw appError(
        "last_owner",
        "An organization needs at least one owner; make someone else owner first.",
      );
    }
    await ctx.db.patch(target._id, { role });
    return null;
  },
});

export const remove = adminMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const target = await membershipOf(ctx, ctx.member.organizationId, userId);
    if (target.role === "owner" && !hasRole(ctx.member, "owner")) {
      throw appError("forbidden", "Only an owner can remove an owner.");
    }
    if (target.role === "owner" && (await ownerCount(ctx, ctx.member.organizationId)) === 1) {
      throw appError(
        "last_owner",
        "An organization needs at least one owner; make someone else owner first.",
      );
    }
    await ctx.db.delete(target._id);
    return null;
  },
});

export const leave = memberMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    if (ctx.member.role === "owner" && (await ownerCount(ctx, ctx.member.organizationId)) === 1) {
      throw appError("last_owner", "You are the only owner; make someone else owner before leaving.");
    }
    const membership = await membershipOf(ctx, ctx.member.organizationId, ctx.member.userId);
    await ctx.db.delete(membership._id);
    return null;
  },
});
