import { Email } from "@convex-dev/auth/providers/Email";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import type { EmailConfig } from "@convex-dev/auth/server";
import { normalizeEmail } from "./passwordLimits";

/*
 * The one-time code that proves a new account owns its e-mail address (Convex Auth's `verify` e-mail
 * provider of the password provider, auth.ts). Convex Auth keeps only the code's hash, deletes it once
 * used, replaces it when a new one is sent, and refuses it after CODE_LIFETIME_MS. Wrong guesses go
 * through the sign-in back-off (accounts/passwordLimits.ts): 8 digits against ~20 unknown-client
 * guesses an hour.
 */

export const CODE_LIFETIME_MS = 15 * 60 * 1_000;
export const CODE_DIGITS = 8;

/** The id Convex Auth stores with each code; the dashboard never names it. */
export const VERIFICATION_PROVIDER_ID = "password-code";

/** Uniform over 00000000..99999999: rejection sampling, so no digit string is likelier than another. */
export function newVerificationCode(): string {
  const limit = 10 ** CODE_DIGITS;
  const ceiling = Math.floor(2 ** 32 / limit) * limit;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const value = word[0] ?? ceiling;
    if (value < ceiling) return String(value % limit).padStart(CODE_DIGITS, "0");
  }
}

/** The e-mail that carries a code (system/verificationMail.ts sends it). */
export function verificationMessage(code: string, expiresAt: number): { subject: string; text: string } {
  const minutes = Math.max(1, Math.round((expiresAt - Date.now()) / 60_000));
  return {
    subject: `Your Answerbase code: ${code}`,
    text: [
      `Your Answerbase verification code is ${code}.`,
      "",
      `Enter it on the sign-up page within ${minutes} minutes. It works once.`,
      "If you did not sign up for Answerbase, ignore this e-mail: without the code no account is usable.",
    ].join("\n"),
  };
}

type SendRequestParams = Parameters<EmailConfig["sendVerificationRequest"]>[0];

/**
 * Convex Auth calls this with its sign-in action's `ctx` as a second argument, which its types do not
 * declare yet (a `@ts-expect-error` in its signIn implementation): SMTP needs Node, so the mail is
 * sent by a "use node" action.
 */
async function sendCode({ identifier, token, expires }: SendRequestParams, ctx: ActionCtx): Promise<void> {
  await ctx.runAction(internal.system.verificationMail.send, {
    to: identifier,
    code: token,
    expiresAt: expires.getTime(),
  });
}

export const verificationCodeEmail = Email({
  id: VERIFICATION_PROVIDER_ID,
  maxAge: CODE_LIFETIME_MS / 1_000,
  generateVerificationToken: () => Promise.resolve(newVerificationCode()),
  // The account's id is the normalized address (the password profile); compare the typed one alike.
  authorize: (params, account) => {
    if (normalizeEmail(params.email) !== account.providerAccountId) {
      return Promise.reject(new Error("The code was sent for another e-mail address."));
    }
    return Promise.resolve();
  },
  sendVerificationRequest: sendCode as (params: SendRequestParams) => Promise<void>,
});
