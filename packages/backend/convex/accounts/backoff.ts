/*
 * Exponential back-off for sign-in failures, counted per (account, client) and, for clients that never
 * signed in to the account, once more in the account's shared row:
 *
 * - the first FREE_FAILURES failures cost nothing (typos);
 * - after the 5th, the next attempt waits 1 s, then 2 s, 4 s, … up to MAX_DELAY_MS (15 min): never a
 *   permanent lock, and a success resets the client's own count;
 * - a row quiet for FORGET_AFTER_MS (a day) starts again from zero.
 *
 * A client that has signed in to the account before (known) is slowed only by its own failures, so
 * nobody failing elsewhere can keep the owner out of their own browser. Unknown clients also share the
 * account's row, so minting a new client token per guess buys no more guesses than one client has.
 */

export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60 * 1_000;
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1_000;

/** The shared row of an account's unknown clients. */
export const UNKNOWN_CLIENTS = "unknown";
/** Callers without a client token (scripts, the API used directly): one unknown client per account. */
export const TOKENLESS = "tokenless";

/** How long the next attempt waits after `failures` failures in a row. */
export function backoffDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

export interface FailureCount {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/** The row's count as of `now`: zero once it has been quiet for a day. */
export function currentFailures(row: FailureCount | null, now: number): FailureCount {
  if (row === null || now - row.lastFailureAt > FORGET_AFTER_MS) {
    return { failures: 0, lastFailureAt: 0, blockedUntil: 0 };
  }
  return { failures: row.failures, lastFailureAt: row.lastFailureAt, blockedUntil: row.blockedUntil };
}

/** The count after one more failure at `now`. */
export function withFailure(count: FailureCount, now: number): FailureCount {
  const failures = count.failures + 1;
  return { failures, lastFailureAt: now, blockedUntil: now + backoffDelayMs(failures) };
}
