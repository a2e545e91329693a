import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { deliverySettings, LOST_AFTER_MS } from "./schedule";

/*
 * Each endpoint has a few attempt slots. A delivery takes one when its attempt is scheduled (or, for a
 * retry, replay or sweep, when that attempt claims it) and gives it back when the attempt is recorded;
 * the others wait, pending and due, and the next free slot takes the oldest. Without the cap a burst
 * of 1,000 events started 1,000 attempts at once: on one process none got its response within the
 * timeout, every one was retried, and receivers got most events twice (docs/benchmarks.md).
 */

/** The index that finds an endpoint's attempts in flight (`dispatchedAt` set) and its waiting deliveries. */
export const SLOTS_INDEX = "by_endpointId_and_status_kind_and_dispatchedAt_and_status_nextAttemptAt";

/** Attempts of the endpoint holding a slot now. A slot older than an attempt can last was lost (a restart) and is free. */
export async function attemptsInFlight(ctx: MutationCtx, endpointId: Id<"webhookEndpoints">, now: number) {
  const { timeoutMs, maxInFlight } = deliverySettings();
  const lostBefore = now - (timeoutMs + LOST_AFTER_MS);
  const holding = await ctx.db
    .query("webhookDeliveries")
    // Only pending deliveries hold slots (an attempt's end clears `dispatchedAt`): the range stays small.
    .withIndex(SLOTS_INDEX, (q) =>
      q.eq("endpointId", endpointId).eq("status.kind", "pending").gt("dispatchedAt", lostBefore),
    )
    .take(maxInFlight);
  return holding.length;
}

/** Starts attempts for the endpoint's due deliveries, oldest first, as far as its free slots go. */
export async function fillSlots(ctx: MutationCtx, endpointId: Id<"webhookEndpoints">): Promise<number> {
  const now = Date.now();
  const free = deliverySettings().maxInFlight - (await attemptsInFlight(ctx, endpointId, now));
  if (free <= 0) return 0;
  const waiting = await ctx.db
    .query("webhookDeliveries")
    .withIndex(SLOTS_INDEX, (q) =>
      q
        .eq("endpointId", endpointId)
        .eq("status.kind", "pending")
        .eq("dispatchedAt", undefined)
        .lte("status.nextAttemptAt", now),
    )
    .take(free);
  for (const delivery of waiting) {
    await ctx.db.patch(delivery._id, { dispatchedAt: now });
    await ctx.scheduler.runAfter(0, internal.system.webhookDelivery.attempt, { deliveryId: delivery._id });
  }
  return waiting.length;
}
