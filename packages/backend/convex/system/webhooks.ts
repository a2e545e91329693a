import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, internalQuery } from "../_generated/server";
import { vNetworkAccess } from "../organizations/tables";
import { applyAttempt } from "../webhooks/attempts";
import { deliverySettings } from "../webhooks/schedule";
import { vLastAttempt } from "../webhooks/tables";

/* The delivery action's reads and writes (system/webhookDelivery.ts); internal only. */

/** A pending delivery whose attempt should have started this long ago was lost (a restart): the sweep re-arms it. */
const LOST_AFTER_MS = 60_000;

/**
 * Takes a due delivery for one attempt: what to send and where, the sealed secret (opened by the
 * action, never passed through the scheduler), and a lease (the next attempt time moves past this
 * attempt's timeout) so the sweep does not start a second one meanwhile. Null when the delivery is
 * not due, already done, or its endpoint is gone or disabled (then it is marked failed).
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
      sealed: v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() }),
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
    const [endpoint, event, organization, secret] = await Promise.all([
      ctx.db.get(delivery.endpointId),
      ctx.db.get(delivery.eventId),
      ctx.db.get(delivery.organizationId),
      ctx.db
        .query("webhookSecrets")
        .withIndex("by_endpointId", (q) => q.eq("endpointId", delivery.endpointId))
        .unique(),
    ]);
    if (endpoint === null || event === null || organization === null || secret === null) {
      await ctx.db.patch(deliveryId, {
        status: { kind: "failed", at: now, reason: "The endpoint was deleted." },
      });
      return null;
    }
    if (endpoint.status.kind !== "enabled") {
      await ctx.db.patch(deliveryId, {
        status: { kind: "failed", at: now, reason: "The endpoint is disabled; replay it once enabled." },
      });
      return null;
    }
    const { timeoutMs } = deliverySettings();
    await ctx.db.patch(deliveryId, {
      status: { kind: "pending", nextAttemptAt: now + timeoutMs + LOST_AFTER_MS },
    });
    return {
      url: endpoint.url,
      webhookId: delivery.webhookId,
      body: event.body,
      organizationId: delivery.organizationId,
      endpointId: endpoint._id,
      network: organization.networkAccess ?? "public_internet",
      timeoutMs,
      sealed: { keyId: secret.keyId, iv: secret.iv, ciphertext: secret.ciphertext },
    };
  },
});

/** Saves an attempt and schedules the retry, if any (webhooks/attempts.ts). */
export const record = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    attempt: vLastAttempt,
  },
  returns: v.null(),
  handler: async (ctx, { deliveryId, attempt }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (delivery === null || delivery.status.kind !== "pending") return null;
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
    return null;
  },
});

/**
 * Every minute (crons.ts): pending deliveries overdue by a minute lost their scheduled attempt (a
 * function cut off by a restart is not retried by the scheduler): start them again. The state is in
 * the tables, so nothing but time is lost.
 */
export const sweep = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const overdue = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_status_kind_and_status_nextAttemptAt", (q) =>
        q.eq("status.kind", "pending").lt("status.nextAttemptAt", Date.now() - LOST_AFTER_MS),
      )
      .take(200);
    for (const delivery of overdue) {
      await ctx.db.patch(delivery._id, { status: { kind: "pending", nextAttemptAt: Date.now() } });
      await ctx.scheduler.runAfter(0, internal.system.webhookDelivery.attempt, { deliveryId: delivery._id });
    }
    return overdue.length;
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
