import { v } from "convex/values";
import { internal } from "../_generated/api";
import { vAccessPolicy } from "../dataSources/tables";
import { vDataSourceView, vTableRef } from "../dataSources/validators";
import { appError } from "../lib/errors";
import { assertHiddenColumnsValid } from "../lib/hiddenColumns";
import { adminMutation, memberQuery } from "../lib/functions";
import { dataSourceOf } from "../system/dataSourceRecords";

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
  handler: async (ctx, { schema, table, policy }) => {
    const dataSource = await dataSourceOf(ctx, ctx.member.organizationId);
    if (dataSource === null)
      throw appError("not_configured", "Connect a database before setting access policies.");
    if (schema.trim() === "" || table.trim() === "") {
      throw appError("invalid_input", "Name the table's schema and name.", {
        fields: [{ field: schema.trim() === "" ? "schema" : "table", message: "is required" }],
      });
    }
    assertHiddenColumnsValid(policy);
    if (policy.kind === "customer" && policy.ownerColumn.trim() === "") {
      throw appError("invalid_input", "A customer policy needs the column that identifies the customer.", {
        fields: [{ field: "policy.ownerColumn", message: "is required" }],
      });
    }
    const existing = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) =>
        q.eq("dataSourceId", dataSource._id).eq("schema", schema).eq("table", table),
      )
      .unique();
    const fields = { policy, updatedAt: Date.now(), updatedBy: ctx.member.userId };
    const previous = existing?.policy ?? { kind: "private" as const };
    if (JSON.stringify(previous) !== JSON.stringify(policy)) {
      // Indexed rows of this table carry the old scope: they leave the index now (and come back re-scoped).
      await ctx.scheduler.runAfter(0, internal.system.knowledgePurge.purgeTable, {
        dataSourceId: dataSource._id,
        table: `${schema}.${table}`,
      });
    }
    if (existing === null) {
      await ctx.db.insert("tablePolicies", {
        organizationId: ctx.member.organizationId,
        dataSourceId: dataSource._id,
        schema,
        table,
        ...fields,
      });
    } else {
      await ctx.db.patch(existing._id, fields);
    }
    return null;
  },
});
