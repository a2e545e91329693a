import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { enforceRateLimit } from "../lib/rateLimits";
import { signInSucceeded, startSignInAttempt } from "../accounts/attemptRows";
import { TOKENLESS } from "../accounts/backoff";
import { resolveDashboardClient } from "../accounts/clientTokens";

/*
 * What the password provider's sign-in and sign-up call around their own work (accounts/passwordLimits.ts).
 * `accountKey` is the SHA-256 of the normalized e-mail; the client token is checked here.
 */

const vAttempt = v.object({ client: v.string(), known: v.boolean() });

/** Before a password is checked: refuses while this client must wait, else counts the attempt. */
export const startSignIn = internalMutation({
  args: { accountKey: v.string(), clientToken: v.optional(v.string()) },
  returns: vAttempt,
  handler: async (ctx, { accountKey, clientToken }) => {
    const client = (await resolveDashboardClient(ctx, clientToken))?.client ?? TOKENLESS;
    return await startSignInAttempt(ctx, accountKey, client);
  },
});

/** After the right password: the client's count starts again and it is known to the account. */
export const signedIn = internalMutation({
  args: { accountKey: v.string(), attempt: vAttempt },
  returns: v.null(),
  handler: async (ctx, { accountKey, attempt }) => {
    await signInSucceeded(ctx, accountKey, attempt);
    return null;
  },
});

/**
 * Before an account is created: one sign-up from this client's budget (its network behind a trusted
 * proxy, else its token; callers without a token share one small bucket) and from the deployment's.
 */
export const startSignUp = internalMutation({
  args: { clientToken: v.optional(v.string()) },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { clientToken }) => {
    const dashboardClient = await resolveDashboardClient(ctx, clientToken);
    if (dashboardClient === null) await enforceRateLimit(ctx, "signUpTokenless");
    else await enforceRateLimit(ctx, "signUpPerClient", dashboardClient.clientKey);
    await enforceRateLimit(ctx, "signUp");
    return dashboardClient?.client ?? null;
  },
});

/** A new account's first client is known to it, as if it had signed in. */
export const signedUp = internalMutation({
  args: { accountKey: v.string(), client: v.string() },
  returns: v.null(),
  handler: async (ctx, { accountKey, client }) => {
    await signInSucceeded(ctx, accountKey, { client, known: true });
    return null;
  },
});
