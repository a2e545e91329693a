import { Password } from "@convex-dev/auth/providers/Password";
import { convexAuth } from "@convex-dev/auth/server";
import { ConvexError } from "convex/values";
import { normalizeEmail, withSignInLimits } from "./accounts/passwordLimits";
import { textFieldProblems, throwIfProblems } from "./lib/textRules";

// E-mail + password accounts stored in this deployment: works offline and in production alike.
// Sign-in back-off per (account, client) and sign-up limits: accounts/passwordLimits.ts.
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [
    withSignInLimits(
      Password({
        profile(params) {
          const email = normalizeEmail(params.email);
          if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
            throw new ConvexError({ code: "invalid_input", message: "Enter a valid e-mail address." });
          }
          const name =
            typeof params.name === "string" && params.name.trim() !== "" ? params.name.trim() : email;
          throwIfProblems([...textFieldProblems("email", email), ...textFieldProblems("name", name)]);
          return { email, name };
        },
        validatePasswordRequirements(password) {
          if (password.length < 8) {
            throw new ConvexError({
              code: "invalid_input",
              message: "Use a password of at least 8 characters.",
            });
          }
        },
      }),
    ),
  ],
  // Convex Auth's own limit counts every failure of an account, whoever makes it, and then refuses
  // even the right password; our back-off (accounts/backoff.ts) lets at most ~20 failures an hour
  // through from clients the account does not know, so this ceiling is only a backstop.
  signIn: { maxFailedAttempsPerHour: 1_000 },
});
