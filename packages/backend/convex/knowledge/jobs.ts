import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { Actor } from "../dataSources/actor";
import { appError } from "../lib/errors";
import { dataSourceOf } from "../dataSources/model";
import type { vJobError } from "./tables";

/* Ingestion job bookkeeping shared by the dashboard, the CLI and the scheduled steps. No Convex exports. */

export const ACTIVE_KINDS = new Set(["queued", "running", "paused"]);
export const MAX_RECENT_ERRORS = 50;

export async function activeJobOf(ctx: QueryCtx, organizationId: Id<"organizations">) {
  const jobs = await ctx.db
    .query("ingestionJobs")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .order("desc")
    .take(20);
  return jobs.find((job) => ACTIVE_KINDS.has(job.status.kind)) ?? null;
}

/**
 * Starts a job over every table whose policy is public or customer (never private ones), or over
 * `onlyTables` among them. One active job per organization.
 */
export async function startIngestionJob(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  startedBy: Actor,
  onlyTables?: string[],
): Promise<Id<"ingestionJobs">> {
  const dataSource = await dataSourceOf(ctx, organizationId);
  if (dataSource === null) throw appError("not_configured", "Connect a database before ingesting it.");
  if ((await activeJobOf(ctx, organizationId)) !== null) {
    throw appError("invalid_input", "An ingestion is already in progress; pause, cancel or wait for it.");
  }
  const policies = await ctx.db
    .query("tablePolicies")
    .withIndex("by_dataSourceId_and_schema_and_table", (q) => q.eq("dataSourceId", dataSource._id))
    .collect();
  const tables = policies
    .filter((p) => p.policy.kind !== "private")
    .filter((p) => onlyTables === undefined || onlyTables.includes(`${p.schema}.${p.table}`))
    .map((p) => ({
      schema: p.schema,
      table: p.table,
      cursor: null,
      phase: "rows" as const,
      rowsRead: 0,
      rowsEmbedded: 0,
      rowsUnchanged: 0,
      rowsRemoved: 0,
      errors: 0,
    }));
  if (tables.length === 0) {
    throw appError(
      "invalid_input",
      "No table is shared: set a table's access policy to public or customer first (private tables are never ingested).",
    );
  }
  const jobId = await ctx.db.insert("ingestionJobs", {
    organizationId,
    dataSourceId: dataSource._id,
    status: { kind: "running" },
    startedBy,
    modelId: "",
    tables,
    recentErrors: [],
    step: 0,
    heartbeatAt: Date.now(),
    consecutiveFailures: 0,
    timings: { readMs: 0, embedMs: 0, writeMs: 0 },
  });
  await ctx.scheduler.runAfter(0, internal.system.ingestion.step, { jobId, step: 0 });
  return jobId;
}

export function withError(job: Doc<"ingestionJobs">, error: Infer<typeof vJobError>) {
  return [...job.recentErrors, error].slice(-MAX_RECENT_ERRORS);
}
