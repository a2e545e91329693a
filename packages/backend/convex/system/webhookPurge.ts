import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../_generated/server";

const BATCH = 200;

/** A deleted endpoint's deliveries, and each event no other delivery still refers to, a batch at a time. */
export const purgeEndpoint = internalMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.null(),
  handler: async (ctx, { endpointId }) => {
    const deliveries = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId))
      .take(BATCH);
    for (const delivery of deliveries) {
      await ctx.db.delete(delivery._id);
      const other = await ctx.db
        .query("webhookDeliveries")
        .withIndex("by_eventId", (q) => q.eq("eventId", delivery.eventId))
        .first();
      if (other === null) await ctx.db.delete(delivery.eventId);
    }
    if (deliveries.length === BATCH)
      await ctx.scheduler.runAfter(0, internal.system.webhookPurge.purgeEndpoint, { endpointId });
    return null;
  },
});
