import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { deliverySettings } from "./schedule";
import type { vAttemptOutcome } from "./tables";

export type AttemptOutcome = Infer<typeof vAttemptOutcome>;

/** Standard Webhooks: any 2xx is a success; everything else (3xx included) is retried. */
export function succeeded(outcome: AttemptOutcome): boolean {
  return outcome.kind === "response" && outcome.httpStatus >= 200 && outcome.httpStatus < 300;
}

/**
 * Saves one attempt's result on the delivery and its endpoint: a success ends the delivery and the
 * endpoint's failing run; a failure schedules the next retry (or gives up after the last one), and
 * an endpoint that has failed for the whole window is disabled and its admins told.
 */
export async function applyAttempt(
  ctx: MutationCtx,
  delivery: Doc<"webhookDeliveries">,
  endpoint: Doc<"webhookEndpoints">,
  attempt: { at: number; durationMs: number; outcome: AttemptOutcome },
): Promise<{ retryInMs: number | null }> {
  const attempts = delivery.attempts + 1;
  const now = Date.now();
  if (succeeded(attempt.outcome)) {
    await ctx.db.patch(delivery._id, {
      attempts,
      lastAttempt: attempt,
      status: { kind: "succeeded", at: now },
    });
    if (endpoint.failingSince !== undefined) await ctx.db.patch(endpoint._id, { failingSince: undefined });
    return { retryInMs: null };
  }
  const settings = deliverySettings();
  const failingSince = endpoint.failingSince ?? attempt.at;
  if (endpoint.failingSince === undefined) await ctx.db.patch(endpoint._id, { failingSince });
  if (now - failingSince >= settings.disableAfterMs && endpoint.status.kind === "enabled") {
    await disableFailingEndpoint(ctx, endpoint, now - failingSince);
    await ctx.db.patch(delivery._id, {
      attempts,
      lastAttempt: attempt,
      status: { kind: "failed", at: now, reason: "The endpoint was disabled after failing continuously." },
    });
    return { retryInMs: null };
  }
  // Attempt n (1-based) failed: the wait before attempt n+1 is the n-th delay.
  const retryInMs = settings.retryDelaysMs[attempts - 1];
  if (retryInMs === undefined) {
    await ctx.db.patch(delivery._id, {
      attempts,
      lastAttempt: attempt,
      status: { kind: "failed", at: now, reason: `Gave up after ${attempts} attempts.` },
    });
    return { retryInMs: null };
  }
  await ctx.db.patch(delivery._id, {
    attempts,
    lastAttempt: attempt,
    status: { kind: "pending", nextAttemptAt: now + retryInMs },
  });
  return { retryInMs };
}

function describeDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 1) return `${Math.round(hours)} h`;
  const minutes = ms / 60_000;
  if (minutes >= 1) return `${Math.round(minutes)} min`;
  return `${Math.max(1, Math.round(ms / 1_000))} s`;
}

/** The notice is the endpoint's status (shown on the Webhooks page) plus an audit entry. */
async function disableFailingEndpoint(
  ctx: MutationCtx,
  endpoint: Doc<"webhookEndpoints">,
  failingMs: number,
) {
  const now = Date.now();
  await ctx.db.patch(endpoint._id, {
    status: {
      kind: "disabled",
      reason: "failing",
      at: now,
      message: `Disabled automatically: every delivery failed for ${describeDuration(failingMs)}. Fix the receiver, then enable the endpoint again (failed deliveries can be replayed).`,
    },
  });
  await ctx.db.insert("auditEvents", {
    organizationId: endpoint.organizationId,
    actor: { kind: "system", name: "webhooks" },
    operation: "webhook_disabled",
    durationMs: failingMs,
    outcome: { kind: "error", code: "endpoint_failing" },
  });
  await ctx.scheduler.runAfter(0, internal.system.webhookMail.endpointDisabled, { endpointId: endpoint._id });
}
