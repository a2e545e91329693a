import { internal } from "../_generated/api";
import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { vEventType, vSubscribableEventType } from "./tables";

export type WebhookEventType = Infer<typeof vEventType>;
export type SubscribableEventType = Infer<typeof vSubscribableEventType>;

/** JSON the payload's `data` may hold: ids, names, counts, timings and codes (docs/webhooks.md). */
export type EventData = Record<string, string | number | boolean | null | object>;

/**
 * Records an event for every enabled endpoint of the organization subscribed to `type` and schedules
 * the first attempt of each delivery. Called from the code path where the event happens, inside its
 * transaction: the event is sent if and only if the change it reports was committed. Nothing is
 * written when no endpoint listens.
 */
export async function emitEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  type: SubscribableEventType,
  data: EventData,
): Promise<void> {
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .collect();
  const listening = endpoints.filter(
    (endpoint) => endpoint.status.kind === "enabled" && endpoint.eventTypes.includes(type),
  );
  if (listening.length === 0) return;
  await deliverEvent(ctx, organizationId, type, data, listening);
}

/** One event row, one delivery per endpoint, each first attempt scheduled now or when its endpoint has a free slot. */
export async function deliverEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  type: WebhookEventType,
  data: EventData,
  endpoints: Doc<"webhookEndpoints">[],
): Promise<Id<"webhookDeliveries">[]> {
  const now = Date.now();
  const body = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
  const eventId = await ctx.db.insert("webhookEvents", { organizationId, type, body });
  const deliveryIds: Id<"webhookDeliveries">[] = [];
  for (const endpoint of endpoints) {
    const deliveryId = await ctx.db.insert("webhookDeliveries", {
      organizationId,
      endpointId: endpoint._id,
      eventId,
      eventType: type,
      webhookId: `msg_${eventId}_${endpoint._id}`,
      status: { kind: "pending", nextAttemptAt: now },
      attempts: 0,
    });
    // In a mutation of its own: reading the endpoint's slots here would put a range every event writes
    // into the read set of every change that emits one, so customers' concurrent messages would conflict.
    await ctx.scheduler.runAfter(0, internal.system.webhooks.fillEndpoint, { endpointId: endpoint._id });
    deliveryIds.push(deliveryId);
  }
  return deliveryIds;
}
