import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { tableKey, type PolicyMap } from "../access/viewer";
import type { vDataSourceAccess } from "../dataSources/validators";
import type { StoredNamedLookup } from "./named/model";

/*
 * What a lookup needs from Convex, loaded once (system/lookupContext:load, one query) and passed to
 * every tool of the turn: the data source to open, the policies that scope it, the named lookups. A
 * turn lasts seconds, so a policy saved meanwhile applies from the next turn; the catalog is not here
 * (it comes from the database, cached by the connector).
 */

export interface LookupContext {
  organizationId: Id<"organizations">;
  /** null when no database is connected (a lookup then fails with `not_configured`). */
  dataSource: Infer<typeof vDataSourceAccess> | null;
  policies: PolicyMap;
  namedLookups: readonly StoredNamedLookup[];
}

export async function loadLookupContext(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
): Promise<LookupContext> {
  const { dataSource, policies, namedLookups } = await ctx.runQuery(internal.system.lookupContext.load, {
    organizationId,
  });
  return {
    organizationId,
    dataSource,
    policies: new Map(
      policies.map(({ policy, ...table }) => [tableKey({ ...table, name: table.table }), policy]),
    ),
    namedLookups,
  };
}
