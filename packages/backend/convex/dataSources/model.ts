import type { Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { vDataSourceAccess } from "./validators";

/* The organization's data source (one per organization) as queries and mutations read it. */

export async function dataSourceOf(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return await ctx.db
    .query("dataSources")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .unique();
}

export async function encryptedSecretOf(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return await ctx.db
    .query("encryptedSecrets")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .unique();
}

/** What an action needs to open the organization's database (`sealed` is the encrypted config). */
export async function dataSourceAccessOf(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
): Promise<Infer<typeof vDataSourceAccess> | null> {
  const dataSource = await dataSourceOf(ctx, organizationId);
  if (dataSource === null) return null;
  const organization = await ctx.db.get(organizationId);
  const sealed =
    dataSource.storage === "encrypted_table" ? await encryptedSecretOf(ctx, organizationId) : null;
  return {
    dataSourceId: dataSource._id,
    version: dataSource.version,
    storage: dataSource.storage,
    summary: dataSource.summary,
    sealed: sealed === null ? null : { keyId: sealed.keyId, iv: sealed.iv, ciphertext: sealed.ciphertext },
    network: organization?.networkAccess ?? "public_internet",
  };
}

/** The saved table policies of a data source (a table without one is private). */
export async function savedPoliciesOf(ctx: QueryCtx, dataSourceId: Id<"dataSources">) {
  const policies = await ctx.db
    .query("tablePolicies")
    .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", dataSourceId))
    .collect();
  return policies.map(({ schema, table, policy }) => ({ schema, table, policy }));
}
