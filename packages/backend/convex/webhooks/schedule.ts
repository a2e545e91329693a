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

/** An endpoint with no successful delivery for this long is disabled and its admins told. */
export const DISABLE_AFTER_MS = 24 * HOUR;

/** The response body kept on the delivery for the deliveries page. */
export const RESPONSE_EXCERPT_BYTES = 1_024;

/** The schedule in force: the constants above unless the deployment overrides them (lib/env.ts). */
export function deliverySettings() {
  return webhookSettings({
    retryDelaysMs: RETRY_DELAYS_MS,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    disableAfterMs: DISABLE_AFTER_MS,
  });
}
