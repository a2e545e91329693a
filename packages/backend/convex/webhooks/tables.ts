import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import type { SubscribableEventType } from "../shared/webhooks";

/** Every event an endpoint can subscribe to (`shared/webhooks.ts` describes them for the dashboard). */
export const vSubscribableEventType = v.union(
  v.literal("conversation.created"),
  v.literal("message.created"),
  v.literal("conversation.escalated"),
  v.literal("conversation.resolved"),
  v.literal("answer.recorded"),
  v.literal("lookup.failed"),
  v.literal("ingestion.completed"),
  v.literal("ingestion.failed"),
  v.literal("data_source.failing"),
  v.literal("approval.requested"),
  v.literal("approval.decided"),
  v.literal("action.succeeded"),
  v.literal("action.failed"),
);

/** `webhook.test` is not subscribable: the dashboard's "Send test event" sends it to one endpoint. */
export const vEventType = v.union(vSubscribableEventType, v.literal("webhook.test"));

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the validator and the shared list name different events. */
export type EventListsAgree =
  Same<Infer<typeof vSubscribableEventType>, SubscribableEventType> extends true ? true : never;
const eventListsAgree: EventListsAgree = true;
void eventListsAgree;

export const vEndpointStatus = v.union(
  v.object({ kind: v.literal("enabled") }),
  /** `failing`: turned off by the platform after failing for the whole window; `by_admin`: by a person. */
  v.object({
    kind: v.literal("disabled"),
    reason: v.union(v.literal("by_admin"), v.literal("failing")),
    message: v.string(),
    at: v.number(),
  }),
);

/** One attempt's answer: the receiver's response, or why there was none. Never the request's secret. */
export const vAttemptOutcome = v.union(
  v.object({
    kind: v.literal("response"),
    httpStatus: v.number(),
    /** The response body's first 1 KB, as text. */
    excerpt: v.string(),
  }),
  v.object({ kind: v.literal("error"), code: v.string(), message: v.string() }),
);

export const vLastAttempt = v.object({ at: v.number(), durationMs: v.number(), outcome: vAttemptOutcome });

export const vDeliveryStatus = v.union(
  v.object({ kind: v.literal("pending"), nextAttemptAt: v.number() }),
  v.object({ kind: v.literal("succeeded"), at: v.number() }),
  v.object({ kind: v.literal("failed"), at: v.number(), reason: v.string() }),
);

export const endpointFields = {
  organizationId: v.id("organizations"),
  url: v.string(),
  description: v.string(),
  eventTypes: v.array(vSubscribableEventType),
  status: vEndpointStatus,
  /** Start of the current run of failed attempts; unset after a success. */
  failingSince: v.optional(v.number()),
  createdBy: v.id("users"),
  secretRotatedAt: v.number(),
  /** After a rotation with a grace period: until when the previous secret still signs too. */
  previousSecretRetiresAt: v.optional(v.number()),
};

export const eventFields = {
  organizationId: v.id("organizations"),
  type: vEventType,
  /** The exact JSON body every delivery of this event sends (`{type, timestamp, data}`), so retries sign the same bytes. */
  body: v.string(),
};

export const deliveryFields = {
  organizationId: v.id("organizations"),
  endpointId: v.id("webhookEndpoints"),
  eventId: v.id("webhookEvents"),
  eventType: vEventType,
  /** The `webhook-id` header: the same on every attempt and replay, so receivers can drop duplicates. */
  webhookId: v.string(),
  status: vDeliveryStatus,
  attempts: v.number(),
  lastAttempt: v.optional(vLastAttempt),
  /** Set while the delivery holds one of its endpoint's attempt slots (its attempt is scheduled or running). */
  dispatchedAt: v.optional(v.number()),
};

export const webhookTables = {
  webhookEndpoints: defineTable(endpointFields).index("by_organizationId", ["organizationId"]),
  /**
   * Signing secrets, AES-GCM sealed (dataSources/secretBox.ts); read only by the delivery action. One
   * current secret per endpoint, plus the previous ones during a rotation's grace period.
   */
  webhookSecrets: defineTable({
    organizationId: v.id("organizations"),
    endpointId: v.id("webhookEndpoints"),
    keyId: v.string(),
    iv: v.string(),
    ciphertext: v.string(),
    /** Absent: the current secret. Set: a rotated-out secret that signs too until then, then is deleted. */
    retiresAt: v.optional(v.number()),
  }).index("by_endpointId", ["endpointId"]),
  webhookEvents: defineTable(eventFields).index("by_organizationId", ["organizationId"]),
  webhookDeliveries: defineTable(deliveryFields)
    .index("by_endpointId", ["endpointId"])
    .index("by_eventId", ["eventId"])
    // The sweep finds pending deliveries whose scheduled attempt never ran (a restart mid-flight).
    .index("by_status_kind_and_status_nextAttemptAt", ["status.kind", "status.nextAttemptAt"])
    // An endpoint's attempts in flight, and its deliveries waiting for a slot (webhooks/dispatch.ts).
    .index("by_endpointId_and_status_kind_and_dispatchedAt_and_status_nextAttemptAt", [
      "endpointId",
      "status.kind",
      "dispatchedAt",
      "status.nextAttemptAt",
    ]),
};
