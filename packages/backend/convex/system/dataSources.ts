"use node";

import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalAction } from "../_generated/server";
import { vTableRef } from "../dataSources/validators";
import {
  listTables as listTablesOf,
  previewRows as previewRowsOf,
  testConnection as testConnectionOf,
} from "../dataSources/operations";

/*
 * The same inspection for operators: `npx convex run system/dataSources:testConnection
 * '{"organizationId":"..."}'` (or `local-convex run`). Audited as the system actor "cli".
 */

const acting = (organizationId: Id<"organizations">) => ({
  organizationId,
  actor: { kind: "system" as const, name: "cli" },
});

const args = { organizationId: v.id("organizations") };

export const testConnection = internalAction({
  args,
  handler: (ctx, { organizationId }) => testConnectionOf(ctx, acting(organizationId)),
});

export const checkHealth = internalAction({
  args,
  handler: (ctx, { organizationId }) => testConnectionOf(ctx, acting(organizationId), "health_check"),
});

export const listTables = internalAction({
  args,
  handler: (ctx, { organizationId }) => listTablesOf(ctx, acting(organizationId)),
});

export const previewRows = internalAction({
  args: {
    ...args,
    ...vTableRef,
    cursor: v.optional(v.union(v.string(), v.null())),
    limit: v.optional(v.number()),
  },
  handler: (ctx, { organizationId, ...request }) => previewRowsOf(ctx, acting(organizationId), request),
});
