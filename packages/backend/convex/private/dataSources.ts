import { v } from "convex/values";
import { checkPolicyChange, requireDataSource, savePolicy } from "../dataSources/policyChanges";
import { vAccessPolicy } from "../dataSources/tables";
import { vDataSourceView, vTableRef } from "../dataSources/validators";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";
import { dataSourceOf } from "../dataSources/model";

/** The organization's data source as the dashboard shows it, or null when none is connected. */
export const get = memberQuery({
  args: {},
  returns: v.union(v.null(), vDataSourceView),
  handler: async (ctx) => {
    const dataSource = await dataSourceOf(ctx, ctx.member.organizationId);
    if (dataSource === null) return null;
    return {
      dataSourceId: dataSource._id,
      provider: dataSource.summary.provider,
      summary: dataSource.summary,
      storage: dataSource.storage,
      status: dataSource.status,
      platformDefault: dataSource.platformDefault,
      updatedAt: dataSource.updatedAt,
    };
  },
});

/** Saved policies; tables without one are private. */
export const listPolicies = memberQuery({
  args: {},
  returns: v.array(v.object({ ...vTableRef, policy: vAccessPolicy, updatedAt: v.number() })),
  handler: async (ctx) => {
    const dataSource = await dataSourceOf(ctx, ctx.member.organizationId);
    if (dataSource === null) return [];
    const policies = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", dataSource._id))
      .collect();
    return policies.map(({ schema, table, policy, updatedAt }) => ({ schema, table, policy, updatedAt }));
  },
});

export const setPolicy = adminMutation({
  args: { ...vTableRef, policy: vAccessPolicy },
  returns: v.null(),
  handler: async (ctx, change) => {
    const dataSource = await requireDataSource(ctx, ctx.member.organizationId);
    await savePolicy(ctx, ctx.member, dataSource._id, change);
    return null;
  },
});

/** At most this many policies per review: a catalog of thousands is reviewed in pages. */
const MAX_REVIEWED = 500;

/**
 * The dashboard's "Review suggestions": many tables' policies at once, all or none (one transaction).
 * Every change is checked before anything is written; returns how many policies changed.
 */
export const applyPolicies = adminMutation({
  args: { policies: v.array(v.object({ ...vTableRef, policy: vAccessPolicy })) },
  returns: v.object({ changed: v.number() }),
  handler: async (ctx, { policies }) => {
    const dataSource = await requireDataSource(ctx, ctx.member.organizationId);
    if (policies.length === 0 || policies.length > MAX_REVIEWED) {
      throw appError("invalid_input", `Apply 1 to ${MAX_REVIEWED} policies at a time.`, {
        fields: [{ field: "policies", message: `1 to ${MAX_REVIEWED} entries` }],
      });
    }
    const keys = policies.map((p) => JSON.stringify([p.schema, p.table]));
    if (new Set(keys).size !== keys.length) {
      throw appError("invalid_input", "Each table may appear once.", {
        fields: [{ field: "policies", message: "a table appears twice" }],
      });
    }
    policies.forEach(checkPolicyChange);
    let changed = 0;
    for (const change of policies)
      if (await savePolicy(ctx, ctx.member, dataSource._id, change)) changed += 1;
    return { changed };
  },
});
