import { webhookSettings } from "../lib/env";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Waits before each retry of a failed delivery: attempt 1 runs at once, attempt 2 five seconds after
 * the first failed, ... the fifteenth and last about 24.7 hours after the event.
 */
export const RETRY_DELAYS_MS = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
] as const;

/** One attempt waits this long for the receiver's response before it counts as failed. */
export const ATTEMPT_TIMEOUT_MS = 10 * SECOND;

/**
 * Attempts one endpoint has in flight at most (webhooks/dispatch.ts); more events wait their turn.
 * Receivers see at most this many concurrent requests.
 */
export const MAX_IN_FLIGHT_PER_ENDPOINT = 64;

/** A pending delivery whose attempt should have started this long ago was lost (a restart): the sweep re-arms it. */
export const LOST_AFTER_MS = 60_000;

/** An endpoint with no successful delivery for this long is disabled and its admins told. */
export const DISABLE_AFTER_MS = 24 * HOUR;

/**
 * After a rotation the previous secret keeps signing (a second `v1,` signature) this long by default,
 * so receivers can switch to the new secret without refusing deliveries meanwhile.
 */
export const SECRET_GRACE_MS = 24 * HOUR;

/** The longest grace period an admin may choose. */
export const MAX_SECRET_GRACE_MS = 7 * 24 * HOUR;

/** The response body kept on the delivery for the deliveries page. */
export const RESPONSE_EXCERPT_BYTES = 1_024;

/** The schedule in force: the constants above unless the deployment overrides them (lib/env.ts). */
export function deliverySettings() {
  return webhookSettings({
    retryDelaysMs: RETRY_DELAYS_MS,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    disableAfterMs: DISABLE_AFTER_MS,
    maxInFlight: MAX_IN_FLIGHT_PER_ENDPOINT,
  });
}
