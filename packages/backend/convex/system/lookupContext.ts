import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { dataSourceAccessOf, savedPoliciesOf } from "../dataSources/model";
import { vDataSourceAccess, vSavedPolicy } from "../dataSources/validators";
import { namedLookupsOf, vStoredNamedLookup } from "../lookup/named/model";

/**
 * Everything a lookup reads from Convex before it reaches the organization's database, in one query:
 * the data source (to open it), the table policies and the named lookups. See lookup/context.ts.
 */
export const load = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.object({
    dataSource: v.union(v.null(), vDataSourceAccess),
    policies: v.array(vSavedPolicy),
    namedLookups: v.array(vStoredNamedLookup),
  }),
  handler: async (ctx, { organizationId }) => {
    const dataSource = await dataSourceAccessOf(ctx, organizationId);
    if (dataSource === null) return { dataSource, policies: [], namedLookups: [] };
    const [policies, namedLookups] = await Promise.all([
      savedPoliciesOf(ctx, dataSource.dataSourceId),
      namedLookupsOf(ctx, organizationId),
    ]);
    return { dataSource, policies, namedLookups };
  },
});
