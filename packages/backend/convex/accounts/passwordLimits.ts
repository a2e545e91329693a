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
 * - sign-up: one sign-up from the client's and the deployment's budgets (lib/rateLimits.ts);
 * - e-mail verification (accounts/verificationCode.ts): every code entered, and every new code asked
 *   for, is an attempt of the same back-off; only the right code refunds it. A wrong, used or expired
 *   code answers `invalid_credentials` with one message.
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
export const INVALID_CODE_MESSAGE =
  "That code is not right, was already used, or has expired. Check the newest e-mail, or send a new code.";

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

/** What Convex Auth throws (as a plain `Error`) for a wrong, used or expired e-mail code. */
const WRONG_CODE = "Could not verify code";

/**
 * The whole user configuration of a ConvexCredentials-based provider (such as `Password(...)`),
 * `authorize` included: ConvexCredentials keeps it in `options`, and Convex Auth reads it from there.
 */
export function credentialsOptions(provider: ConvexCredentialsConfig): UserConfig {
  const options = (provider as unknown as { options?: UserConfig }).options;
  if (options === undefined) throw new Error("Expected a ConvexCredentials provider (with its options)");
  return options;
}

/** Wraps a ConvexCredentials-based provider (such as `Password(...)`) with the limits above. */
export function withSignInLimits(provider: ConvexCredentialsConfig): ConvexCredentialsConfig {
  const options = credentialsOptions(provider);
  const { authorize } = options;
  return ConvexCredentials<DataModel>({
    ...options,
    authorize: async (typed, ctx) => {
      // The account's id, and the address a code is sent to and stored for, is the normalized one.
      const params =
        typeof typed.email === "string" ? { ...typed, email: normalizeEmail(typed.email) } : typed;
      const clientToken = typeof params.clientToken === "string" ? params.clientToken : undefined;
      const accountKey = await sha256Hex(normalizeEmail(params.email));
      if (params.flow === "signUp") {
        const client = await ctx.runMutation(internal.system.signInAttempts.startSignUp, { clientToken });
        // `null`: the account exists and waits for its e-mail code (accounts/passwordProvider.ts).
        const created = await authorize(params, ctx);
        if (client !== null) {
          await ctx.runMutation(internal.system.signInAttempts.signedUp, { accountKey, client });
        }
        return created;
      }
      if (params.flow === "email-verification") return await verifyEmail(params, ctx, accountKey);
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
      // `null` after the right password: the address is not verified yet and a code is on its way.
      await ctx.runMutation(internal.system.signInAttempts.signedIn, { accountKey, attempt });
      return signedIn;
    },
  });

  /** A code entered (`params.code`) or a new one asked for, counted by the back-off. */
  async function verifyEmail(
    params: Record<string, unknown>,
    ctx: Parameters<UserConfig["authorize"]>[1],
    accountKey: string,
  ) {
    const clientToken = typeof params.clientToken === "string" ? params.clientToken : undefined;
    const attempt = await ctx.runMutation(internal.system.signInAttempts.startSignIn, {
      accountKey,
      clientToken,
    });
    let verified: Awaited<ReturnType<UserConfig["authorize"]>>;
    try {
      verified = await authorize(params as Parameters<UserConfig["authorize"]>[0], ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      // An unknown address answers like a wrong code: the form does not tell which addresses exist.
      if (message === WRONG_CODE || message === "InvalidAccountId") {
        throw appError("invalid_credentials", INVALID_CODE_MESSAGE);
      }
      throw error;
    }
    if (verified !== null) {
      await ctx.runMutation(internal.system.signInAttempts.signedIn, { accountKey, attempt });
    }
    return verified;
  }
}
