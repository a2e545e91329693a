import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { Password, type PasswordConfig } from "@convex-dev/auth/providers/Password";
import type { ConvexCredentialsConfig } from "@convex-dev/auth/server";
import { ConvexError } from "convex/values";
import type { DataModel } from "../_generated/dataModel";
import { smtpUrl } from "../lib/env";
import { textFieldProblems, throwIfProblems } from "../lib/textRules";
import { credentialsOptions, normalizeEmail, withSignInLimits } from "./passwordLimits";
import { verificationCodeEmail } from "./verificationCode";

/*
 * The dashboard's e-mail + password accounts, stored in this deployment (works offline and in
 * production alike). With SMTP_URL set, a new account proves its address with an e-mailed code
 * (accounts/verificationCode.ts) before its first session, and signing in to an account not yet
 * verified sends a new code instead of signing in. Without SMTP_URL, addresses are not verified and
 * each sign-up says so once in the log. The choice is made per call, so setting SMTP_URL on a running
 * deployment applies to the next sign-up.
 */

const passwordConfig: PasswordConfig<DataModel> = {
  profile(params) {
    const email = normalizeEmail(params.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new ConvexError({ code: "invalid_input", message: "Enter a valid e-mail address." });
    }
    // The dashboard asks for a name; API callers that give none are shown by their address.
    const name = typeof params.name === "string" && params.name.trim() !== "" ? params.name.trim() : email;
    throwIfProblems([...textFieldProblems("email", email), ...textFieldProblems("name", name)]);
    return { email, name };
  },
  validatePasswordRequirements(password) {
    if (password.length < 8) {
      throw new ConvexError({ code: "invalid_input", message: "Use a password of at least 8 characters." });
    }
  },
};

export function passwordProvider(): ConvexCredentialsConfig {
  const verifying = credentialsOptions(
    Password<DataModel>({ ...passwordConfig, verify: verificationCodeEmail }),
  );
  const unverified = credentialsOptions(Password<DataModel>(passwordConfig));
  return withSignInLimits(
    // The verifying provider's options (its code provider among them), choosing the flow per call.
    ConvexCredentials<DataModel>({
      ...verifying,
      authorize: async (params, ctx) => {
        if (smtpUrl() !== undefined) return await verifying.authorize(params, ctx);
        if (params.flow === "signUp") {
          console.warn(
            "SMTP_URL is not set: the new account's e-mail address is not verified (docs/email.md).",
          );
        }
        return await unverified.authorize(params, ctx);
      },
    }),
  );
}
