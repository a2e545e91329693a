import { convexAuth } from "@convex-dev/auth/server";
import { passwordProvider } from "./accounts/passwordProvider";
import { authTokenLifetimeMs } from "./lib/env";

// E-mail + password accounts, verified by an e-mailed code when SMTP_URL is set:
// accounts/passwordProvider.ts. Sign-in back-off per (account, client) and sign-up limits:
// accounts/passwordLimits.ts.
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [passwordProvider()],
  // Convex Auth's own limit counts every failure of an account, whoever makes it, and then refuses
  // even the right password; our back-off (accounts/backoff.ts) lets at most ~20 failures an hour
  // through from clients the account does not know, so this ceiling is only a backstop.
  signIn: { maxFailedAttempsPerHour: 1_000 },
  jwt: { durationMs: authTokenLifetimeMs() },
});
