import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { dataSourceOf, savedPoliciesOf } from "../dataSources/model";
import { vSavedPolicy } from "../dataSources/validators";

/** The saved table policies of an organization's data source (list tables, ingestion, previews). */
export const forOrganization = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(vSavedPolicy),
  handler: async (ctx, { organizationId }) => {
    const dataSource = await dataSourceOf(ctx, organizationId);
    return dataSource === null ? [] : await savedPoliciesOf(ctx, dataSource._id);
  },
});
