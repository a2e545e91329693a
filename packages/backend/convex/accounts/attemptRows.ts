import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import {
  backoffDelayMs,
  currentFailures,
  FREE_FAILURES,
  TOKENLESS,
  UNKNOWN_CLIENTS,
  withFailure,
  type FailureCount,
} from "./backoff";

/*
 * The sign-in back-off's bookkeeping (accounts/backoff.ts has the rules). An attempt is counted as a
 * failure *before* the password is checked and refunded when it succeeds, so parallel guesses cannot
 * all slip through between a check and its record: Convex runs these mutations one after another.
 */

async function row(ctx: MutationCtx, accountKey: string, client: string) {
  return await ctx.db
    .query("signInClients")
    .withIndex("by_accountKey_and_client", (q) => q.eq("accountKey", accountKey).eq("client", client))
    .unique();
}

async function save(
  ctx: MutationCtx,
  existing: Doc<"signInClients"> | null,
  fields: { accountKey: string; client: string } & FailureCount & { knownSince?: number },
) {
  if (existing === null) await ctx.db.insert("signInClients", fields);
  else await ctx.db.patch(existing._id, fields);
}

/** What the sign-in needs to report the outcome of the attempt it started. */
export interface StartedAttempt {
  client: string;
  known: boolean;
}

/**
 * Refuses with `rate_limited` while the client (or, for an unknown client, any unknown client of the
 * account) must wait; otherwise counts the attempt as a failure until `signInSucceeded` says otherwise.
 */
export async function startSignInAttempt(
  ctx: MutationCtx,
  accountKey: string,
  client: string,
): Promise<StartedAttempt> {
  const now = Date.now();
  const own = await row(ctx, accountKey, client);
  const known = own?.knownSince !== undefined;
  const shared = known ? null : await row(ctx, accountKey, UNKNOWN_CLIENTS);
  const ownCount = currentFailures(own, now);
  const sharedCount = currentFailures(shared, now);
  const waitMs = Math.max(ownCount.blockedUntil, known ? 0 : sharedCount.blockedUntil) - now;
  if (waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw appError("rate_limited", `Too many sign-in attempts; try again in ${seconds} s.`, {
      retryable: true,
      retryAfterMs: waitMs,
    });
  }
  await save(ctx, own, { accountKey, client, ...withFailure(ownCount, now), knownSince: own?.knownSince });
  if (!known)
    await save(ctx, shared, { accountKey, client: UNKNOWN_CLIENTS, ...withFailure(sharedCount, now) });
  return { client, known };
}

/**
 * The password was right: the client's own count starts again and the client is known to the account
 * from now on (a tokenless caller never is: anyone can be tokenless). The attempt counted in the
 * shared row is given back, so the owner signing in from new browsers does not slow the next one.
 */
export async function signInSucceeded(ctx: MutationCtx, accountKey: string, attempt: StartedAttempt) {
  const now = Date.now();
  const own = await row(ctx, accountKey, attempt.client);
  if (attempt.client === TOKENLESS) {
    if (own !== null) await ctx.db.delete(own._id);
  } else {
    await save(ctx, own, {
      accountKey,
      client: attempt.client,
      failures: 0,
      lastFailureAt: 0,
      blockedUntil: 0,
      knownSince: own?.knownSince ?? now,
    });
  }
  if (attempt.known) return;
  const shared = await row(ctx, accountKey, UNKNOWN_CLIENTS);
  if (shared === null) return;
  const failures = Math.max(0, currentFailures(shared, now).failures - 1);
  await ctx.db.patch(shared._id, {
    failures,
    blockedUntil: failures < FREE_FAILURES ? 0 : shared.lastFailureAt + backoffDelayMs(failures),
  });
}
