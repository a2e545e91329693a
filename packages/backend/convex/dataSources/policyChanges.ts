import type { Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import type { AccessPolicy } from "../access/policies";
import { appError } from "../lib/errors";
import { assertHiddenColumnsValid } from "../access/hiddenColumns";
import { dataSourceOf } from "./model";

/* Saving a table's access policy: checked, stored, and the table's indexed rows purged when it changed. */

export interface PolicyChange {
  schema: string;
  table: string;
  policy: AccessPolicy;
}

export function checkPolicyChange({ schema, table, policy }: PolicyChange): void {
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
}

/** Stores one policy; returns whether it changed anything. */
export async function savePolicy(
  ctx: MutationCtx,
  acting: { organizationId: Id<"organizations">; userId: Id<"users"> },
  dataSourceId: Id<"dataSources">,
  change: PolicyChange,
): Promise<boolean> {
  checkPolicyChange(change);
  const { schema, table, policy } = change;
  const existing = await ctx.db
    .query("tablePolicies")
    .withIndex("by_dataSourceId_and_schema_and_table", (q) =>
      q.eq("dataSourceId", dataSourceId).eq("schema", schema).eq("table", table),
    )
    .unique();
  const fields = { policy, updatedAt: Date.now(), updatedBy: acting.userId };
  const previous = existing?.policy ?? { kind: "private" as const };
  const changed = JSON.stringify(previous) !== JSON.stringify(policy);
  if (changed) {
    // Indexed rows of this table carry the old scope: they leave the index now (and come back re-scoped).
    await ctx.scheduler.runAfter(0, internal.system.knowledgePurge.purgeTable, {
      dataSourceId,
      table: `${schema}.${table}`,
    });
  }
  if (existing === null) {
    await ctx.db.insert("tablePolicies", {
      organizationId: acting.organizationId,
      dataSourceId,
      schema,
      table,
      ...fields,
    });
  } else {
    await ctx.db.patch(existing._id, fields);
  }
  return changed || existing === null;
}

export async function requireDataSource(ctx: MutationCtx, organizationId: Id<"organizations">) {
  const dataSource = await dataSourceOf(ctx, organizationId);
  if (dataSource === null)
    throw appError("not_configured", "Connect a database before setting access policies.");
  return dataSource;
}
