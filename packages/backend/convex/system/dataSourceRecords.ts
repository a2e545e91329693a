import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { vSecretStorage, vStatus, vSummary } from "../dataSources/tables";
import { internal } from "../_generated/api";
import { activeJobOf } from "../knowledge/jobs";
import { dataSourceAccessOf, dataSourceOf, encryptedSecretOf } from "../dataSources/model";
import { vDataSourceAccess, vSealedSecret } from "../dataSources/validators";
import { vNetworkAccess } from "../organizations/tables";
import { appError } from "../lib/errors";
import { removeNamedLookupsOf } from "../lookup/named/model";
import { emitEvent } from "../webhooks/events";

/* The data source documents as the actions need them. Internal only: `sealed` is the encrypted config. */

export const getForAccess = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.union(v.null(), vDataSourceAccess),
  handler: (ctx, { organizationId }) => dataSourceAccessOf(ctx, organizationId),
});

/** Where the organization's connections may go, for a config not saved yet (a draft being tested). */
export const networkAccessOf = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: vNetworkAccess,
  handler: async (ctx, { organizationId }) =>
    (await ctx.db.get(organizationId))?.networkAccess ?? "public_internet",
});

export const versionOf = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.union(v.number(), v.null()),
  handler: async (ctx, { organizationId }) => (await dataSourceOf(ctx, organizationId))?.version ?? null,
});

/** Saves the document (and the encrypted config) in one transaction; the Secrets Manager write came first. */
export const recordSaved = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    userId: v.id("users"),
    summary: vSummary,
    storage: vSecretStorage,
    sealed: v.union(vSealedSecret, v.null()),
    platformDefault: v.boolean(),
  },
  handler: async (ctx, args) => {
    const organization = await ctx.db.get(args.organizationId);
    if (organization === null) throw appError("not_found", "This organization no longer exists.");
    if (args.platformDefault && !organization.isDemo) {
      throw appError("forbidden", "Only the demo organization may use the platform's demo database.");
    }
    const existing = await dataSourceOf(ctx, args.organizationId);
    const fields = {
      organizationId: args.organizationId,
      summary: args.summary,
      storage: args.storage,
      version: (existing?.version ?? 0) + 1,
      status: { kind: "untested" as const },
      platformDefault: args.platformDefault,
      updatedAt: Date.now(),
      updatedBy: args.userId,
    };
    const dataSourceId = existing === null ? await ctx.db.insert("dataSources", fields) : existing._id;
    if (existing !== null) await ctx.db.replace(existing._id, fields);
    await replaceSealed(ctx, args.organizationId, args.sealed);
    return dataSourceId;
  },
});

async function replaceSealed(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  sealed: { keyId: string; iv: string; ciphertext: string } | null,
) {
  const previous = await encryptedSecretOf(ctx, organizationId);
  if (previous !== null) await ctx.db.delete(previous._id);
  if (sealed !== null) await ctx.db.insert("encryptedSecrets", { organizationId, ...sealed });
}

/** Status of a test or health check; ignored when the config changed meanwhile (a newer save wins). */
export const recordStatus = internalMutation({
  args: { organizationId: v.id("organizations"), version: v.number(), status: vStatus },
  handler: async (ctx, { organizationId, version, status }) => {
    const dataSource = await dataSourceOf(ctx, organizationId);
    if (dataSource !== null && dataSource.version === version) await ctx.db.patch(dataSource._id, { status });
    if (dataSource?.version === version && status.kind === "failing" && dataSource.status.kind !== "failing")
      await emitEvent(ctx, organizationId, "data_source.failing", {
        dataSourceId: dataSource._id,
        error: { code: status.error.code, message: status.error.message },
      });
  },
});

/** Disconnect: the document, the encrypted config and the table policies go in one transaction. */
export const remove = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const dataSource = await dataSourceOf(ctx, organizationId);
    await replaceSealed(ctx, organizationId, null);
    if (dataSource === null) return null;
    const policies = await ctx.db
      .query("tablePolicies")
      .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", dataSource._id))
      .collect();
    for (const policy of policies) await ctx.db.delete(policy._id);
    await removeNamedLookupsOf(ctx, organizationId, dataSource._id);
    const job = await activeJobOf(ctx, organizationId);
    if (job !== null) {
      await ctx.db.patch(job._id, {
        status: {
          kind: "failed",
          error: { code: "not_configured", message: "The database was disconnected.", retryable: false },
        },
        finishedAt: Date.now(),
      });
    }
    // Nothing read from a disconnected database stays searchable.
    await ctx.scheduler.runAfter(0, internal.system.knowledgePurge.purgeDataSource, {
      dataSourceId: dataSource._id,
    });
    await ctx.db.delete(dataSource._id);
    return { storage: dataSource.storage };
  },
});
