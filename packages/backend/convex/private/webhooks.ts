import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import { deliverEvent } from "../webhooks/events";
import {
  countEndpoints,
  deliveryView,
  endpointView,
  replaceSecret,
  requireEndpoint,
  secretRows,
  validateEndpointInput,
  vDeliveryView,
  vEndpointView,
} from "../webhooks/model";
import { MAX_SECRET_GRACE_MS, SECRET_GRACE_MS } from "../webhooks/schedule";
import { vSubscribableEventType } from "../webhooks/tables";

/* The Webhooks page (admins only): endpoints, their secrets (shown once), deliveries, replays. */

const vEndpointInput = {
  url: v.string(),
  description: v.string(),
  eventTypes: v.array(vSubscribableEventType),
};

export const list = adminQuery({
  args: {},
  returns: v.array(vEndpointView),
  handler: async (ctx) => {
    const endpoints = await ctx.db
      .query("webhookEndpoints")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .collect();
    return endpoints.map(endpointView);
  },
});

/** Creates an endpoint and returns its signing secret: the only time it leaves the backend. */
export const create = adminMutation({
  args: vEndpointInput,
  returns: v.object({ endpointId: v.id("webhookEndpoints"), secret: v.string() }),
  handler: async (ctx, input) => {
    const fields = validateEndpointInput(input);
    await countEndpoints(ctx, ctx.member.organizationId);
    const now = Date.now();
    const endpointId = await ctx.db.insert("webhookEndpoints", {
      organizationId: ctx.member.organizationId,
      ...fields,
      status: { kind: "enabled" },
      createdBy: ctx.member.userId,
      secretRotatedAt: now,
    });
    const endpoint = (await ctx.db.get(endpointId))!;
    return { endpointId, secret: await replaceSecret(ctx, endpoint) };
  },
});

export const update = adminMutation({
  args: { endpointId: v.id("webhookEndpoints"), ...vEndpointInput },
  returns: vEndpointView,
  handler: async (ctx, { endpointId, ...input }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    await ctx.db.patch(endpoint._id, validateEndpointInput(input));
    return endpointView((await ctx.db.get(endpoint._id))!);
  },
});

/** Enabling starts a fresh failing window; deliveries that failed meanwhile can be replayed. */
export const setEnabled = adminMutation({
  args: { endpointId: v.id("webhookEndpoints"), enabled: v.boolean() },
  returns: vEndpointView,
  handler: async (ctx, { endpointId, enabled }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    await ctx.db.patch(endpoint._id, {
      status: enabled
        ? { kind: "enabled" }
        : { kind: "disabled", reason: "by_admin", at: Date.now(), message: "Disabled by an admin." },
      failingSince: undefined,
    });
    return endpointView((await ctx.db.get(endpoint._id))!);
  },
});

/**
 * A new secret, shown this once. The previous one keeps signing too for `graceHours` (default 24, at
 * most a week; 0 when it leaked: it stops at once), so receivers can switch without refusing requests.
 */
export const rotateSecret = adminMutation({
  args: { endpointId: v.id("webhookEndpoints"), graceHours: v.optional(v.number()) },
  returns: v.object({ secret: v.string(), previousSecretRetiresAt: v.union(v.number(), v.null()) }),
  handler: async (ctx, { endpointId, graceHours }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    const graceMs = graceHours === undefined ? SECRET_GRACE_MS : graceHours * 3_600_000;
    if (!Number.isFinite(graceMs) || graceMs < 0 || graceMs > MAX_SECRET_GRACE_MS)
      throw appError(
        "invalid_input",
        `Keep the previous secret for 0 to ${MAX_SECRET_GRACE_MS / 3_600_000} hours.`,
        {
          fields: [{ field: "graceHours", message: "Use a number of hours from 0 to 168." }],
        },
      );
    const secret = await replaceSecret(ctx, endpoint, graceMs);
    const rotated = (await ctx.db.get(endpoint._id))!;
    return { secret, previousSecretRetiresAt: rotated.previousSecretRetiresAt ?? null };
  },
});

/** Deletes the endpoint and its secret; its deliveries and their events go with it. */
export const remove = adminMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.null(),
  handler: async (ctx, { endpointId }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    await ctx.db.delete(endpoint._id);
    for (const secret of await secretRows(ctx, endpoint._id)) await ctx.db.delete(secret._id);
    // The rest in batches: an endpoint can have many deliveries.
    await ctx.scheduler.runAfter(0, internal.system.webhookPurge.purgeEndpoint, { endpointId: endpoint._id });
    return null;
  },
});

export const deliveries = adminQuery({
  args: { endpointId: v.id("webhookEndpoints"), paginationOpts: paginationOptsValidator },
  returns: v.object({ page: v.array(vDeliveryView), isDone: v.boolean(), continueCursor: v.string() }),
  handler: async (ctx, { endpointId, paginationOpts }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    const result = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpointId", (q) => q.eq("endpointId", endpoint._id))
      .order("desc")
      .paginate(paginationOpts);
    return {
      page: result.page.map(deliveryView),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

/** Sends the delivery again now, with the same `webhook-id` and body (receivers drop what they already have). */
export const replay = adminMutation({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.null(),
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (delivery === null || delivery.organizationId !== ctx.member.organizationId)
      throw appError("not_found", "This delivery does not exist.");
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, delivery.endpointId);
    if (endpoint.status.kind !== "enabled")
      throw appError("invalid_input", "Enable the endpoint before replaying its deliveries.");
    await ctx.db.patch(delivery._id, { status: { kind: "pending", nextAttemptAt: Date.now() } });
    await ctx.scheduler.runAfter(0, internal.system.webhookDelivery.attempt, { deliveryId });
    return null;
  },
});

/** A `webhook.test` event to this one endpoint, delivered and retried like any other. */
export const sendTest = adminMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.object({ deliveryId: v.id("webhookDeliveries") }),
  handler: async (ctx, { endpointId }) => {
    const endpoint = await requireEndpoint(ctx, ctx.member.organizationId, endpointId);
    if (endpoint.status.kind !== "enabled")
      throw appError("invalid_input", "Enable the endpoint before sending it a test event.");
    const [deliveryId] = await deliverEvent(
      ctx,
      ctx.member.organizationId,
      "webhook.test",
      { endpointId: endpoint._id, message: "A test event from the Answerbase dashboard." },
      [endpoint],
    );
    return { deliveryId: deliveryId! };
  },
});
