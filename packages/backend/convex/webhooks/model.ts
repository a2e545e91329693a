import { v, type Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { sealSecret } from "../dataSources/secretBox";
import { encryptionKey } from "../lib/env";
import { appError } from "../lib/errors";
import { MAX_WEBHOOK_DESCRIPTION_LENGTH } from "../shared/webhooks";
import { newSigningSecret } from "./signing";
import { deliveryFields, endpointFields, vLastAttempt, type vSubscribableEventType } from "./tables";

/** Binds a sealed secret to its endpoint: a row copied to another endpoint or organization does not open. */
export function secretAdditionalData(
  organizationId: Id<"organizations">,
  endpointId: Id<"webhookEndpoints">,
) {
  return `${organizationId}/webhooks/${endpointId}`;
}

/** An endpoint as the dashboard sees it: everything but the secret, which is never returned after creation. */
export const vEndpointView = v.object({
  endpointId: v.id("webhookEndpoints"),
  url: endpointFields.url,
  description: endpointFields.description,
  eventTypes: endpointFields.eventTypes,
  status: endpointFields.status,
  failingSince: v.union(v.number(), v.null()),
  secretRotatedAt: v.number(),
  /** Until when the previous secret signs too (after a rotation with a grace period); null: only the current one. */
  previousSecretRetiresAt: v.union(v.number(), v.null()),
  createdAt: v.number(),
});

export function endpointView(endpoint: Doc<"webhookEndpoints">): Infer<typeof vEndpointView> {
  return {
    endpointId: endpoint._id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    status: endpoint.status,
    failingSince: endpoint.failingSince ?? null,
    secretRotatedAt: endpoint.secretRotatedAt,
    previousSecretRetiresAt: endpoint.previousSecretRetiresAt ?? null,
    createdAt: endpoint._creationTime,
  };
}

export const vDeliveryView = v.object({
  deliveryId: v.id("webhookDeliveries"),
  webhookId: deliveryFields.webhookId,
  eventType: deliveryFields.eventType,
  status: deliveryFields.status,
  attempts: deliveryFields.attempts,
  lastAttempt: v.union(vLastAttempt, v.null()),
  createdAt: v.number(),
});

export function deliveryView(delivery: Doc<"webhookDeliveries">): Infer<typeof vDeliveryView> {
  return {
    deliveryId: delivery._id,
    webhookId: delivery.webhookId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastAttempt: delivery.lastAttempt ?? null,
    createdAt: delivery._creationTime,
  };
}

const MAX_URL_LENGTH = 2_048;
const MAX_ENDPOINTS = 20;

/**
 * The endpoint's URL, checked for shape only: whether its host may be reached is the egress policy's
 * answer at delivery time (a name can resolve elsewhere later), saved on the delivery.
 */
export function validateEndpointInput(input: {
  url: string;
  description: string;
  eventTypes: Infer<typeof vSubscribableEventType>[];
}) {
  const fields: { field: string; message: string }[] = [];
  const url = input.url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed === null || (parsed.protocol !== "https:" && parsed.protocol !== "http:"))
    fields.push({ field: "url", message: "Enter an http:// or https:// URL." });
  else if (parsed.username !== "" || parsed.password !== "")
    fields.push({
      field: "url",
      message: "Put credentials in the receiver's check of the signature, not in the URL.",
    });
  else if (url.length > MAX_URL_LENGTH)
    fields.push({ field: "url", message: `Use at most ${MAX_URL_LENGTH} characters.` });
  const description = input.description.trim();
  if (description.length > MAX_WEBHOOK_DESCRIPTION_LENGTH)
    fields.push({
      field: "description",
      message: `Use at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters.`,
    });
  const eventTypes = [...new Set(input.eventTypes)];
  if (eventTypes.length === 0) fields.push({ field: "eventTypes", message: "Choose at least one event." });
  if (fields.length > 0) throw appError("invalid_input", fields.map((f) => f.message).join(" "), { fields });
  return { url, description, eventTypes };
}

export async function countEndpoints(ctx: MutationCtx, organizationId: Id<"organizations">) {
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .take(MAX_ENDPOINTS + 1);
  if (endpoints.length >= MAX_ENDPOINTS)
    throw appError("invalid_input", `An organization can have at most ${MAX_ENDPOINTS} webhook endpoints.`);
}

/**
 * Generates a secret, stores it sealed as the endpoint's current one and returns it this once. The
 * previous secret keeps signing until `graceMs` from now (0: it stops at once); one already past its
 * time is deleted now, the rest by a scheduled `dropRetiredSecret` (only the row id is scheduled).
 */
export async function replaceSecret(
  ctx: MutationCtx,
  endpoint: Doc<"webhookEndpoints">,
  graceMs = 0,
): Promise<string> {
  const now = Date.now();
  const secret = newSigningSecret();
  const sealed = await sealSecret(
    secret,
    encryptionKey(),
    secretAdditionalData(endpoint.organizationId, endpoint._id),
  );
  let previousRetiresAt: number | undefined;
  for (const row of await secretRows(ctx, endpoint._id)) {
    const retiresAt = row.retiresAt ?? (graceMs > 0 ? now + graceMs : now);
    if (retiresAt <= now) {
      await ctx.db.delete(row._id);
      continue;
    }
    if (row.retiresAt === undefined) {
      await ctx.db.patch(row._id, { retiresAt });
      await ctx.scheduler.runAfter(graceMs, internal.system.webhooks.dropRetiredSecret, {
        secretId: row._id,
      });
    }
    previousRetiresAt = Math.max(previousRetiresAt ?? 0, retiresAt);
  }
  await ctx.db.insert("webhookSecrets", {
    organizationId: endpoint.organizationId,
    endpointId: endpoint._id,
    ...sealed,
  });
  await ctx.db.patch(endpoint._id, { secretRotatedAt: now, previousSecretRetiresAt: previousRetiresAt });
  return secret;
}

/** Every stored secret of the endpoint: the current one and those still in a grace period. */
export async function secretRows(ctx: { db: QueryCtx["db"] }, endpointId: Id<"webhookEndpoints">) {
  return await ctx.db
    .query("webhookSecrets")
    .withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId))
    .collect();
}

/** The organization's endpoint, or not_found (an id from another organization looks the same as none). */
export async function requireEndpoint(
  ctx: { db: QueryCtx["db"] },
  organizationId: Id<"organizations">,
  endpointId: Id<"webhookEndpoints">,
): Promise<Doc<"webhookEndpoints">> {
  const endpoint = await ctx.db.get(endpointId);
  if (endpoint === null || endpoint.organizationId !== organizationId)
    throw appError("not_found", "This webhook endpoint does not exist.");
  return endpoint;
}
