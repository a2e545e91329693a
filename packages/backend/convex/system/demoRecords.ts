import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { createOrganization } from "../organizations/model";
import { dataSourceOf } from "../dataSources/model";
import { vAccessPolicy } from "../dataSources/tables";
import { startIngestionJob } from "../knowledge/jobs";

export const userByEmail = internalQuery({
  args: { email: v.string() },
  returns: v.union(v.id("users"), v.null()),
  handler: async (ctx, { email }) =>
    (
      await ctx.db
        .query("users")
        .withIndex("email", (q) => q.eq("email", email))
        .first()
    )?._id ?? null,
});

/** The demo's reviewed suggestions (dataSources/demoReview.ts), saved, and a first ingestion. */
export const acceptSuggestions = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    userId: v.id("users"),
    policies: v.array(v.object({ schema: v.string(), table: v.string(), policy: vAccessPolicy })),
  },
  handler: async (ctx, { organizationId, userId, policies }) => {
    const dataSource = await dataSourceOf(ctx, organizationId);
    if (dataSource === null || policies.length === 0) return;
    for (const { schema, table, policy } of policies) {
      await ctx.db.insert("tablePolicies", {
        organizationId,
        dataSourceId: dataSource._id,
        schema,
        table,
        policy,
        updatedAt: Date.now(),
        updatedBy: userId,
      });
    }
    await startIngestionJob(ctx, organizationId, { kind: "system", name: "demo-seed" });
  },
});

/** The demo organization (`isDemo`), with the demo user as owner; created once. */
export const ensureOrganization = internalMutation({
  args: { userId: v.id("users"), name: v.string() },
  returns: v.object({ organizationId: v.id("organizations"), hasDataSource: v.boolean() }),
  handler: async (ctx, { userId, name }) => {
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .collect();
    for (const membership of memberships) {
      const organization = await ctx.db.get(membership.organizationId);
      if (organization?.isDemo) {
        // Demo organizations saved before the egress policy existed get the grant new ones are born with.
        if (organization.networkAccess === undefined)
          await ctx.db.patch(organization._id, { networkAccess: "private_networks" });
        return {
          organizationId: organization._id,
          hasDataSource: (await dataSourceOf(ctx, organization._id)) !== null,
        };
      }
    }
    return { organizationId: await createOrganization(ctx, userId, name, true), hasDataSource: false };
  },
});
