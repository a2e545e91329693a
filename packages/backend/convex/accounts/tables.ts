import { defineTable } from "convex/server";
import { v } from "convex/values";

export const accountTables = {
  /**
   * A dashboard client: one browser's bearer token (its SHA-256) from `POST /dashboard/clients`, and
   * the key its sign-up limit counts under (its network behind a trusted proxy, else the token).
   */
  dashboardClients: defineTable({
    tokenHash: v.string(),
    clientKey: v.string(),
    expiresAt: v.number(),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_expiresAt", ["expiresAt"]),
  /**
   * Sign-in failures per (account, client), and the account's shared row for unknown clients
   * (`client` = `unknown`), see accounts/backoff.ts. The account is the SHA-256 of the normalized
   * e-mail, whether or not an account has it, so an unknown e-mail backs off like a known one.
   */
  signInClients: defineTable({
    accountKey: v.string(),
    /** `token:<hash>` (a dashboard client), `tokenless`, or `unknown` (the shared row). */
    client: v.string(),
    failures: v.number(),
    lastFailureAt: v.number(),
    /** No attempt of this client (or of any unknown client, for the shared row) before this time. */
    blockedUntil: v.number(),
    /** When this client first signed in to the account: from then on only its own failures count. */
    knownSince: v.optional(v.number()),
  })
    .index("by_accountKey_and_client", ["accountKey", "client"])
    .index("by_lastFailureAt", ["lastFailureAt"]),
};
