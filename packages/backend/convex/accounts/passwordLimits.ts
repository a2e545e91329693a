import {
  ConvexCredentials,
  type ConvexCredentialsUserConfig,
} from "@convex-dev/auth/providers/ConvexCredentials";
import type { ConvexCredentialsConfig } from "@convex-dev/auth/server";
import { internal } from "../_generated/api";
import type { DataModel } from "../_generated/dataModel";
import { sha256Hex } from "../contacts/sessionToken";
import { appError } from "../lib/errors";

/*
 * The password provider with our limits around it (the provider itself is unchanged):
 *
 * - sign-in: before the password is checked, the (account, client) back-off of accounts/backoff.ts
 *   may refuse with `rate_limited` and the wait; a wrong password and an unknown e-mail both answer
 *   `invalid_credentials` with one message, after the same hashing work, and back off alike;
 * - sign-up: one sign-up from the client's and the deployment's budgets (lib/rateLimits.ts).
 *
 * The client is `params.clientToken`, the token the dashboard keeps (accounts/clientTokens.ts).
 * Convex Auth's own limit (per account, whoever fails) is raised in auth.ts so that it never refuses
 * the owner's right password because of someone else's failures.
 */

/** How an e-mail becomes the password account's id (auth.ts's profile) and the back-off's account. */
export function normalizeEmail(value: unknown): string {
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/** What Convex Auth throws (as plain `Error`s) when the account or its password does not match. */
const WRONG_CREDENTIALS = new Set(["InvalidAccountId", "InvalidSecret", "Invalid credentials"]);

export const INVALID_CREDENTIALS_MESSAGE = "Invalid e-mail or password.";

type UserConfig = ConvexCredentialsUserConfig<DataModel>;

async function signInFailure(error: unknown, params: Record<string, unknown>, options: UserConfig) {
  const message = error instanceof Error ? error.message : "";
  if (message === "TooManyFailedAttempts") {
    // Only if Convex Auth's own limit (raised in auth.ts) was reached after all.
    return appError("rate_limited", "Too many sign-in attempts; try again in 60 s.", {
      retryable: true,
      retryAfterMs: 60_000,
    });
  }
  if (!WRONG_CREDENTIALS.has(message)) return error;
  // An unknown e-mail skips the password check: hash once so both answers take about as long.
  if (message === "InvalidAccountId" && typeof params.password === "string") {
    await options.crypto?.hashSecret(params.password);
  }
  return appError("invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
}

/** Wraps a ConvexCredentials-based provider (such as `Password(...)`) with the limits above. */
export function withSignInLimits(provider: ConvexCredentialsConfig): ConvexCredentialsConfig {
  // ConvexCredentials keeps the whole user configuration, `authorize` included, in `options`, and
  // Convex Auth reads it from there; a provider without it is not one this can wrap.
  const options = (provider as unknown as { options?: UserConfig }).options;
  if (options === undefined) throw new Error("withSignInLimits wraps ConvexCredentials providers only");
  const { authorize } = options;
  return ConvexCredentials<DataModel>({
    ...options,
    authorize: async (params, ctx) => {
      const clientToken = typeof params.clientToken === "string" ? params.clientToken : undefined;
      const accountKey = await sha256Hex(normalizeEmail(params.email));
      if (params.flow === "signUp") {
        const client = await ctx.runMutation(internal.system.signInAttempts.startSignUp, { clientToken });
        const created = await authorize(params, ctx);
        if (created !== null && client !== null) {
          await ctx.runMutation(internal.system.signInAttempts.signedUp, { accountKey, client });
        }
        return created;
      }
      if (params.flow !== "signIn") return await authorize(params, ctx);
      const attempt = await ctx.runMutation(internal.system.signInAttempts.startSignIn, {
        accountKey,
        clientToken,
      });
      let signedIn: Awaited<ReturnType<UserConfig["authorize"]>>;
      try {
        signedIn = await authorize(params, ctx);
      } catch (error) {
        throw await signInFailure(error, params, options);
      }
      if (signedIn === null) throw appError("invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
      await ctx.runMutation(internal.system.signInAttempts.signedIn, { accountKey, attempt });
      return signedIn;
    },
  });
}
