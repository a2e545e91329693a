import { v } from "convex/values";
import { query } from "../_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";
import { vRole } from "../organizations/tables";
import { adminMutation, memberMutation, userMutation, userQuery } from "../lib/functions";
import { platformAwsAccountId } from "../lib/env";
import { requireCleanText } from "../lib/textRules";
import {
  createOrganization,
  requireOrganization,
  setActiveOrganization,
  validName,
} from "../organizations/model";

const vMyOrganization = v.object({
  organizationId: v.id("organizations"),
  name: v.string(),
  role: vRole,
  isDemo: v.boolean(),
});

/** The signed-in user, or null: the dashboard's sign-in gate. */
export const viewer = query({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      userId: v.id("users"),
      email: v.union(v.string(), v.null()),
      name: v.union(v.string(), v.null()),
    }),
  ),
  handler: async (ctx) => {
    const userId = await getAuthUserId(ctx);
    const user = userId === null ? null : await ctx.db.get(userId);
    if (user === null) return null;
    return { userId: user._id, email: user.email ?? null, name: user.name ?? null };
  },
});

/**
 * The organizations the user belongs to, the one they last switched to, and the platform's AWS
 * account (`ANSWERBASE_AWS_ACCOUNT_ID`), which an admin's IAM role must trust for Aurora and Redshift.
 */
export const listMine = userQuery({
  args: {},
  returns: v.object({
    organizations: v.array(vMyOrganization),
    activeOrganizationId: v.union(v.id("organizations"), v.null()),
    platformAwsAccountId: v.union(v.string(), v.null()),
  }),
  handler: async (ctx) => {
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .collect();
    const organizations = [];
    for (const membership of memberships) {
      const organization = await ctx.db.get(membership.organizationId);
      if (organization === null) continue;
      organizations.push({
        organizationId: organization._id,
        name: organization.name,
        role: membership.role,
        isDemo: organization.isDemo,
      });
    }
    organizations.sort((a, b) => a.name.localeCompare(b.name));
    const preferences = await ctx.db
      .query("userPreferences")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .unique();
    const active = organizations.find((o) => o.organizationId === preferences?.activeOrganizationId);
    return {
      organizations,
      activeOrganizationId: (active ?? organizations[0])?.organizationId ?? null,
      platformAwsAccountId: platformAwsAccountId(),
    };
  },
});

export const create = userMutation({
  args: { name: v.string() },
  returns: v.id("organizations"),
  handler: (ctx, { name }) => {
    requireCleanText("name", name.trim());
    return createOrganization(ctx, ctx.userId, name);
  },
});

export const switchTo = memberMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await setActiveOrganization(ctx, ctx.member.userId, ctx.member.organizationId);
    return null;
  },
});

export const rename = adminMutation({
  args: { name: v.string() },
  returns: v.null(),
  handler: async (ctx, { name }) => {
    await requireOrganization(ctx, ctx.member.organizationId);
    requireCleanText("name", name.trim());
    await ctx.db.patch(ctx.member.organizationId, { name: validName(name) });
    return null;
  },
});
