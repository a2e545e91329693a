import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { vAccessPolicy } from "../dataSources/tables";
import { dataSourceOf } from "./dataSourceRecords";

/** The saved table policies of an organization's data source (for list tables, and later ingestion and lookups). */
export const forOrganization = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(v.object({ schema: v.string(), table: v.string(), policy: vAccessPolicy })),
  handler: async (ctx, { organizationId }) => {
    const dataSource = await dataSourceOf(ctx, organizationId);
    if (dataSource === null) return [];
    const policies = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", dataSource._id))
      .collect();
    return policies.map(({ schema, table, policy }) => ({ schema, table, policy }));
  },
});
