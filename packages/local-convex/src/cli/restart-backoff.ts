/** The first wait before restarting a crashed server, doubled on every crash in a row up to the cap. */
export const FIRST_RESTART_DELAY_MS = 500;
export const MAX_RESTART_DELAY_MS = 10_000;
/** A server that stayed up this long before crashing counts as healthy: the next wait starts over. */
export const HEALTHY_UPTIME_MS = 60_000;

/**
 * When to restart a server that exited on its own: 0.5 s, 1 s, 2 s, … at most 10 s, so a server that
 * crashes at start-up (a module that throws) is not restarted in a busy loop, while one killed after a
 * healthy minute comes back at once.
 */
export function createRestartBackoff(): { delayAfterCrash(uptimeMs: number): number } {
  let crashesInARow = 0;
  return {
    delayAfterCrash(uptimeMs) {
      if (uptimeMs >= HEALTHY_UPTIME_MS) crashesInARow = 0;
      const delay = Math.min(FIRST_RESTART_DELAY_MS * 2 ** crashesInARow, MAX_RESTART_DELAY_MS);
      crashesInARow += 1;
      return delay;
    },
  };
}
