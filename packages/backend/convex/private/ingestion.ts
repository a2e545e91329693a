import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import { ingestionJobFields } from "../knowledge/tables";
import { startIngestionJob } from "../knowledge/jobs";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";
import { enforceRateLimit } from "../lib/rateLimits";

/* The Knowledge page's database ingestion panel: start, pause, resume, cancel, and live progress. */

const vJob = v.object({ _id: v.id("ingestionJobs"), _creationTime: v.number(), ...ingestionJobFields });

export const start = adminMutation({
  args: { tables: v.optional(v.array(v.string())) },
  returns: v.id("ingestionJobs"),
  handler: async (ctx, { tables }) => {
    await enforceRateLimit(ctx, "startIngestion", ctx.member.organizationId);
    return await startIngestionJob(
      ctx,
      ctx.member.organizationId,
      { kind: "member", userId: ctx.member.userId },
      tables,
    );
  },
});

async function jobOfOrganization(
  ctx: { db: { get: (id: Doc<"ingestionJobs">["_id"]) => Promise<Doc<"ingestionJobs"> | null> } },
  jobId: Doc<"ingestionJobs">["_id"],
  organizationId: Doc<"organizations">["_id"],
) {
  const job = await ctx.db.get(jobId);
  if (job === null || job.organizationId !== organizationId)
    throw appError("not_found", "No such ingestion job.");
  return job;
}

export const pause = adminMutation({
  args: { jobId: v.id("ingestionJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const job = await jobOfOrganization(ctx, jobId, ctx.member.organizationId);
    if (job.status.kind !== "running")
      throw appError("invalid_input", `Only a running job can be paused; this one is ${job.status.kind}.`);
    // The step in flight commits its batch; the next one sees "paused" and stops.
    await ctx.db.patch(jobId, { status: { kind: "paused" } });
    return null;
  },
});

export const resume = adminMutation({
  args: { jobId: v.id("ingestionJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const job = await jobOfOrganization(ctx, jobId, ctx.member.organizationId);
    if (job.status.kind !== "paused")
      throw appError("invalid_input", `Only a paused job can be resumed; this one is ${job.status.kind}.`);
    await ctx.db.patch(jobId, { status: { kind: "running" }, heartbeatAt: Date.now() });
    await ctx.scheduler.runAfter(0, internal.system.ingestion.step, { jobId, step: job.step });
    return null;
  },
});

export const cancel = adminMutation({
  args: { jobId: v.id("ingestionJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const job = await jobOfOrganization(ctx, jobId, ctx.member.organizationId);
    if (!["queued", "running", "paused"].includes(job.status.kind)) {
      throw appError("invalid_input", `This job is already ${job.status.kind}.`);
    }
    // What is indexed stays: cancelling stops work, it does not unpublish rows.
    await ctx.db.patch(jobId, { status: { kind: "cancelled" }, finishedAt: Date.now() });
    return null;
  },
});

/** Newest first; the dashboard subscribes, so progress is live. */
export const list = memberQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: v.object({
    page: v.array(vJob),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: async (ctx, { paginationOpts }) =>
    await ctx.db
      .query("ingestionJobs")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .order("desc")
      .paginate(paginationOpts),
});

export const get = memberQuery({
  args: { jobId: v.id("ingestionJobs") },
  returns: vJob,
  handler: (ctx, { jobId }) => jobOfOrganization(ctx, jobId, ctx.member.organizationId),
});
