import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { vNetworkAccess } from "../organizations/tables";
import { applyAttempt } from "../webhooks/attempts";
import { secretRows } from "../webhooks/model";
import { attemptsInFlight, fillSlots } from "../webhooks/dispatch";
import { deliverySettings, LOST_AFTER_MS } from "../webhooks/schedule";
import { vLastAttempt } from "../webhooks/tables";

/* The delivery action's reads and writes (system/webhookDelivery.ts); internal only. */

/**
 * Takes a due delivery for one attempt: what to send and where, the sealed secrets (opened by the
 * action, never passed through the scheduler), and a lease (the next attempt time moves past this
 * attempt's timeout) so no second attempt starts meanwhile; `leaseUntil` identifies this attempt to
 * `record`. Null when the delivery is not due, already done, waiting for one of its endpoint's attempt
 * slots (webhooks/dispatch.ts), or its endpoint is gone or disabled (then it is marked failed).
 */
export const claim = internalMutation({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.union(
    v.null(),
    v.object({
      url: v.string(),
      webhookId: v.string(),
      body: v.string(),
      organizationId: v.id("organizations"),
      endpointId: v.id("webhookEndpoints"),
      network: vNetworkAccess,
      timeoutMs: v.number(),
      leaseUntil: v.number(),
      /** The current secret, then any previous one still in its grace period: each adds a signature. */
      sealed: v.array(v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() })),
    }),
  ),
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.db.get(deliveryId);
    const now = Date.now();
    if (
      delivery === null ||
      delivery.status.kind !== "pending" ||
      delivery.status.nextAttemptAt > now + 1_000
    )
      return null;
    const [endpoint, event, organization, secrets] = await Promise.all([
      ctx.db.get(delivery.endpointId),
      ctx.db.get(delivery.eventId),
      ctx.db.get(delivery.organizationId),
      secretRows(ctx, delivery.endpointId),
    ]);
    // The current secret first, then any rotated-out one still in its grace period.
    const signing = [
      ...secrets.filter((row) => row.retiresAt === undefined),
      ...secrets.filter((row) => row.retiresAt !== undefined && row.retiresAt > now),
    ];
    if (endpoint === null || event === null || organization === null || signing.length === 0) {
      await ctx.db.patch(deliveryId, {
        status: { kind: "failed", at: now, reason: "The endpoint was deleted." },
        dispatchedAt: undefined,
      });
      return null;
    }
    if (endpoint.status.kind !== "enabled") {
      await ctx.db.patch(deliveryId, {
        status: { kind: "failed", at: now, reason: "The endpoint is disabled; replay it once enabled." },
        dispatchedAt: undefined,
      });
      return null;
    }
    // A retry's timer, a replay or the sweep: the attempt takes a slot, or waits due for one.
    if (
      delivery.dispatchedAt === undefined &&
      (await attemptsInFlight(ctx, endpoint._id, now)) >= deliverySettings().maxInFlight
    )
      return null;
    const { timeoutMs } = deliverySettings();
    const leaseUntil = now + timeoutMs + LOST_AFTER_MS;
    await ctx.db.patch(deliveryId, {
      status: { kind: "pending", nextAttemptAt: leaseUntil },
      dispatchedAt: delivery.dispatchedAt ?? now,
    });
    return {
      url: endpoint.url,
      webhookId: delivery.webhookId,
      body: event.body,
      organizationId: delivery.organizationId,
      endpointId: endpoint._id,
      network: organization.networkAccess ?? "public_internet",
      timeoutMs,
      leaseUntil,
      sealed: signing.map(({ keyId, iv, ciphertext }) => ({ keyId, iv, ciphertext })),
    };
  },
});

/**
 * Saves an attempt, gives its slot back to the next waiting delivery and schedules the retry, if any
 * (webhooks/attempts.ts). An attempt whose lease was taken over (a replay started meanwhile) records
 * nothing: one attempt's outcome is applied once.
 */
export const record = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    leaseUntil: v.number(),
    attempt: vLastAttempt,
  },
  returns: v.null(),
  handler: async (ctx, { deliveryId, leaseUntil, attempt }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (
      delivery === null ||
      delivery.status.kind !== "pending" ||
      delivery.status.nextAttemptAt !== leaseUntil
    )
      return null;
    await ctx.db.patch(deliveryId, { dispatchedAt: undefined });
    const endpoint = await ctx.db.get(delivery.endpointId);
    if (endpoint === null) {
      await ctx.db.patch(deliveryId, {
        status: { kind: "failed", at: Date.now(), reason: "The endpoint was deleted." },
      });
      return null;
    }
    const { retryInMs } = await applyAttempt(ctx, delivery, endpoint, attempt);
    if (retryInMs !== null)
      await ctx.scheduler.runAfter(retryInMs, internal.system.webhookDelivery.attempt, { deliveryId });
    await fillSlots(ctx, endpoint._id);
    return null;
  },
});

/** Starts the endpoint's due deliveries as far as its free slots go (scheduled by `deliverEvent`). */
export const fillEndpoint = internalMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.number(),
  handler: (ctx, { endpointId }) => fillSlots(ctx, endpointId),
});

/**
 * Every minute (crons.ts): pending deliveries overdue by a minute either lost their scheduled attempt
 * (a function cut off by a restart is not retried by the scheduler) or are waiting for a slot. A lost
 * attempt's slot is freed (only once it is older than any attempt can run, so an attempt still in
 * flight is never started twice); then each endpoint's free slots take its oldest due deliveries. The
 * state is in the tables, so nothing but time is lost.
 */
export const sweep = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    const overdue = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_status_kind_and_status_nextAttemptAt", (q) =>
        q.eq("status.kind", "pending").lt("status.nextAttemptAt", now - LOST_AFTER_MS),
      )
      .take(200);
    const lostBefore = now - (deliverySettings().timeoutMs + LOST_AFTER_MS);
    const endpoints = new Set<Id<"webhookEndpoints">>();
    for (const delivery of overdue) {
      if (delivery.dispatchedAt === undefined || delivery.dispatchedAt < lostBefore)
        await ctx.db.patch(delivery._id, {
          status: { kind: "pending", nextAttemptAt: now },
          dispatchedAt: undefined,
        });
      endpoints.add(delivery.endpointId);
    }
    for (const endpointId of endpoints) await fillSlots(ctx, endpointId);
    return overdue.length;
  },
});

/**
 * A rotated-out secret whose grace period is over stops signing (claim already skips it) and is deleted;
 * the endpoint stops showing "the previous secret signs until …" once none is left.
 */
export const dropRetiredSecret = internalMutation({
  args: { secretId: v.id("webhookSecrets") },
  returns: v.null(),
  handler: async (ctx, { secretId }) => {
    const row = await ctx.db.get(secretId);
    if (row === null || row.retiresAt === undefined || row.retiresAt > Date.now() + 1_000) return null;
    await ctx.db.delete(row._id);
    const remaining = (await secretRows(ctx, row.endpointId)).filter((r) => r.retiresAt !== undefined);
    const endpoint = await ctx.db.get(row.endpointId);
    if (endpoint !== null && remaining.length === 0)
      await ctx.db.patch(endpoint._id, { previousSecretRetiresAt: undefined });
    return null;
  },
});

/** Who to tell that an endpoint was disabled (its organization's owners and admins), and what. */
export const disabledNotice = internalQuery({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.union(
    v.null(),
    v.object({
      recipients: v.array(v.string()),
      organizationName: v.string(),
      url: v.string(),
      message: v.string(),
    }),
  ),
  handler: async (ctx, { endpointId }) => {
    const endpoint = await ctx.db.get(endpointId);
    if (endpoint === null || endpoint.status.kind !== "disabled") return null;
    const organization = await ctx.db.get(endpoint.organizationId);
    if (organization === null) return null;
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_organizationId_and_userId", (q) => q.eq("organizationId", endpoint.organizationId))
      .collect();
    const recipients: string[] = [];
    for (const membership of memberships) {
      if (membership.role === "member") continue;
      const email = (await ctx.db.get(membership.userId))?.email;
      if (email) recipients.push(email);
    }
    return {
      recipients,
      organizationName: organization.name,
      url: endpoint.url,
      message: endpoint.status.message,
    };
  },
});
