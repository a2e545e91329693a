"use node";

import { parseDataSourceConfig, summarizeDataSource, type PreviewPage } from "@answerbase/connectors";
import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { vPreviewPage, vTableSummary, vTestResult } from "./validators";
import { DEFAULT_POLICY, suggestPolicy, type AccessPolicy } from "../access/policies";
import { forgetCachedConfig, toAppError, withConnector, type Actor } from "./connection";
import { encryptionKey, secretStoreKind } from "../lib/env";
import { appError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";
import { sealSecret } from "./secretBox";
import { deleteTenantSecret, putTenantSecret } from "./secretsManager";

/* What the private (dashboard) and system (CLI) data source actions do; they differ only in who acts. */

export interface Acting {
  organizationId: Id<"organizations">;
  actor: Actor;
}

const TIMEOUT_MS = 10_000;

/**
 * Validates field by field, writes the secret (Secrets Manager, or sealed into the document's
 * transaction), then the visible document. A failure anywhere leaves the saved configuration as it was.
 */
export async function saveDataSource(
  ctx: ActionCtx,
  acting: Acting & { userId: Id<"users"> },
  input: unknown,
  options: { platformDefault?: boolean } = {},
) {
  await enforceRateLimit(ctx, "saveDataSource", acting.organizationId);
  let config;
  try {
    config = parseDataSourceConfig(input);
  } catch (error) {
    throw toAppError(error);
  }
  const secretString = JSON.stringify(config);
  const storage = secretStoreKind();
  if (storage === "secrets_manager") await putTenantSecret(acting.organizationId, secretString);
  const sealed =
    storage === "encrypted_table"
      ? await sealSecret(secretString, encryptionKey(), acting.organizationId)
      : null;
  await ctx.runMutation(internal.system.dataSourceRecords.recordSaved, {
    organizationId: acting.organizationId,
    userId: acting.userId,
    summary: summarizeDataSource(config),
    storage,
    sealed,
    platformDefault: options.platformDefault ?? false,
  });
  forgetCachedConfig(acting.organizationId);
  await audit(ctx, acting, "save_config");
  return summarizeDataSource(config);
}

/** Removes the document first (every later use sees "not configured"), then the secret itself. */
export async function disconnectDataSource(ctx: ActionCtx, acting: Acting) {
  const removed = await ctx.runMutation(internal.system.dataSourceRecords.remove, {
    organizationId: acting.organizationId,
  });
  forgetCachedConfig(acting.organizationId);
  // Always try: a retry after a Secrets Manager outage finds the document already gone.
  if (removed?.storage === "secrets_manager" || secretStoreKind() === "secrets_manager") {
    await deleteTenantSecret(acting.organizationId);
  }
  await audit(ctx, acting, "disconnect");
  return null;
}

async function audit(ctx: ActionCtx, acting: Acting, operation: "save_config" | "disconnect") {
  await ctx.runMutation(internal.system.audit.record, {
    organizationId: acting.organizationId,
    actor: acting.actor,
    operation,
    durationMs: 0,
    outcome: { kind: "ok" },
  });
}

/**
 * Tests the connection and records the result as the data source's status. A failure is an answer
 * (with its code), not an exception: the dashboard shows it where the button is.
 */
export async function testConnection(
  ctx: ActionCtx,
  acting: Acting,
  operation: "test_connection" | "health_check" = "test_connection",
): Promise<Infer<typeof vTestResult>> {
  let version: number | null | undefined;
  try {
    const result = await withConnector(
      ctx,
      { ...acting, operation, rateLimit: operation === "test_connection" ? "testConnection" : "healthCheck" },
      async (connector, dataSource) => {
        version = dataSource.version;
        return { result: await connector.test({ timeoutMs: TIMEOUT_MS }) };
      },
    );
    await ctx.runMutation(internal.system.dataSourceRecords.recordStatus, {
      organizationId: acting.organizationId,
      version: version!,
      status: {
        kind: "connected",
        at: Date.now(),
        latencyMs: result.latencyMs,
        serverVersion: result.serverVersion,
      },
    });
    return {
      kind: "connected",
      latencyMs: result.latencyMs,
      serverVersion: result.serverVersion,
      database: result.database,
    };
  } catch (thrown) {
    const { code, message, retryable } = toAppError(thrown).data;
    // Nothing to test, or asked too often: that is the caller's answer, not the database's status.
    if (code === "rate_limited" || code === "not_configured") throw thrown;
    const error = { code, message, retryable: retryable ?? false };
    // A secret that cannot be read fails before the connector exists: the status still says so.
    version ??= await ctx.runQuery(internal.system.dataSourceRecords.versionOf, {
      organizationId: acting.organizationId,
    });
    if (version !== undefined && version !== null) {
      await ctx.runMutation(internal.system.dataSourceRecords.recordStatus, {
        organizationId: acting.organizationId,
        version,
        status: { kind: "failing", at: Date.now(), error },
      });
    }
    return { kind: "failing", error };
  }
}

export async function listTables(ctx: ActionCtx, acting: Acting): Promise<Infer<typeof vTableSummary>[]> {
  const catalog = await withConnector(
    ctx,
    { ...acting, operation: "list_tables", rateLimit: "listTables" },
    async (connector) => {
      const result = await connector.listTables({ timeoutMs: TIMEOUT_MS });
      return { result, rowCount: result.tables.length };
    },
  );
  const saved: { schema: string; table: string; policy: AccessPolicy }[] = await ctx.runQuery(
    internal.system.dataSourcePolicies.forOrganization,
    {
      organizationId: acting.organizationId,
    },
  );
  const savedByKey = new Map(saved.map((p) => [`${p.schema}.${p.table}`, p.policy]));
  return catalog.tables.map((table) => {
    const policy = savedByKey.get(`${table.schema}.${table.name}`);
    return {
      schema: table.schema,
      name: table.name,
      kind: table.kind,
      comment: table.comment,
      estimatedRows: table.estimatedRows,
      columns: table.columns.map(({ name, type, nativeType, nullable, comment }) => ({
        name,
        type,
        nativeType,
        nullable,
        comment,
      })),
      primaryKey: table.primaryKey,
      foreignKeys: table.foreignKeys,
      policy: policy ?? DEFAULT_POLICY,
      policyIsSaved: policy !== undefined,
      suggestion: suggestPolicy(table, catalog.tables),
    };
  });
}

/** Admin preview: every column of every row (policies apply to the widget, not to admins). */
export async function previewRows(
  ctx: ActionCtx,
  acting: Acting,
  request: { schema: string; table: string; cursor?: string | null; limit?: number },
): Promise<Infer<typeof vPreviewPage>> {
  const label = `${request.schema}.${request.table}`;
  if (
    request.limit !== undefined &&
    (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 200)
  ) {
    throw appError("invalid_input", "limit must be a whole number from 1 to 200.", {
      fields: [{ field: "limit", message: "must be 1..200" }],
    });
  }
  const page: PreviewPage = await withConnector(
    ctx,
    { ...acting, operation: "preview_rows", table: label, rateLimit: "previewRows" },
    async (connector) => {
      const result = await connector.preview(
        { schema: request.schema, name: request.table },
        { limit: request.limit ?? 50, cursor: request.cursor ?? null, timeoutMs: TIMEOUT_MS },
      );
      return { result, rowCount: result.rows.length };
    },
  );
  return {
    columns: page.columns.map(({ name, type, nativeType }) => ({ name, type, nativeType })),
    rows: page.rows.map((row) =>
      page.columns.map((column) => {
        const value = row[column.name] ?? null;
        // Arbitrary JSON keys are not all valid Convex field names: ship json cells as text.
        return column.type === "json" && value !== null ? JSON.stringify(value) : value;
      }),
    ),
    nextCursor: page.nextCursor,
    orderedBy: page.orderedBy,
  };
}
