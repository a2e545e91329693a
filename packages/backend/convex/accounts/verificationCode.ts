import { Email } from "@convex-dev/auth/providers/Email";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import type { EmailConfig } from "@convex-dev/auth/server";
import { normalizeEmail } from "./passwordLimits";

/*
 * The one-time codes e-mailed to an account's address: one proves a new account owns it (Convex
 * Auth's `verify` e-mail provider of the password provider, accounts/passwordProvider.ts), the other
 * lets its owner choose a new password (`reset`). Convex Auth keeps only the code's hash, deletes it once
 * used, replaces it when a new one is sent, and refuses it after CODE_LIFETIME_MS. Wrong guesses go
 * through the sign-in back-off (accounts/passwordLimits.ts): 8 digits against ~20 unknown-client
 * guesses an hour.
 */

export const CODE_LIFETIME_MS = 15 * 60 * 1_000;
export const CODE_DIGITS = 8;

/** What a code is for: the e-mail's words differ, the rules do not. */
export type CodePurpose = "verify" | "reset";

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
export function codeMessage(
  purpose: CodePurpose,
  code: string,
  expiresAt: number,
): { subject: string; text: string } {
  const minutes = Math.max(1, Math.round((expiresAt - Date.now()) / 60_000));
  const lines =
    purpose === "verify"
      ? [
          `Your Answerbase verification code is ${code}.`,
          "",
          `Enter it on the sign-up page within ${minutes} minutes. It works once.`,
          "If you did not sign up for Answerbase, ignore this e-mail: without the code no account is usable.",
        ]
      : [
          `Your Answerbase password reset code is ${code}.`,
          "",
          `Enter it with your new password within ${minutes} minutes. It works once.`,
          "If you did not ask to reset your password, ignore this e-mail: your password stays as it is.",
        ];
  return { subject: `Your Answerbase code: ${code}`, text: lines.join("\n") };
}

type SendRequestParams = Parameters<EmailConfig["sendVerificationRequest"]>[0];

/**
 * An e-mail code provider. Convex Auth calls `sendVerificationRequest` with its sign-in action's `ctx`
 * as a second argument, which its types do not declare yet (a `@ts-expect-error` in its signIn
 * implementation): SMTP needs Node, so the mail is sent by a "use node" action.
 */
function codeEmail(id: string, purpose: CodePurpose) {
  async function sendCode({ identifier, token, expires }: SendRequestParams, ctx: ActionCtx) {
    await ctx.runAction(internal.system.verificationMail.send, {
      purpose,
      to: identifier,
      code: token,
      expiresAt: expires.getTime(),
    });
  }
  return Email({
    id,
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
}

/** The ids are what Convex Auth stores with each code; the dashboard never names them. */
export const verificationCodeEmail = codeEmail("password-code", "verify");
export const passwordResetEmail = codeEmail("password-reset", "reset");
