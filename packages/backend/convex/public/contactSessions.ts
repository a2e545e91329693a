import { v } from "convex/values";
import { mutation, query } from "../_generated/server";
import { normalizeEmail, signatureMatches } from "../contacts/identity";
import { appError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";

/* Called by the widget: start a contact session (optionally verified), and check one. */

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const start = mutation({
  args: {
    organizationId: v.id("organizations"),
    name: v.string(),
    email: v.string(),
    /** hex(HMAC-SHA256(widget secret, lowercase e-mail)) from the organization's server. */
    signature: v.optional(v.string()),
    metadata: v.optional(v.record(v.string(), v.string())),
  },
  returns: v.object({
    contactSessionId: v.id("contactSessions"),
    expiresAt: v.number(),
    verified: v.boolean(),
  }),
  handler: async (ctx, args) => {
    const organization = await ctx.db.get(args.organizationId);
    if (organization === null)
      throw appError("not_found", "Unknown organization: check the widget's data-organization-id.");
    await enforceRateLimit(ctx, "startContactSession", args.organizationId);
    const name = args.name.trim();
    const email = normalizeEmail(args.email);
    const fields = [
      ...(name.length < 1 || name.length > 80
        ? [{ field: "name", message: "must be 1 to 80 characters" }]
        : []),
      ...(!EMAIL.test(email) || email.length > 254
        ? [{ field: "email", message: "must be an e-mail address" }]
        : []),
    ];
    if (fields.length > 0) {
      throw appError("invalid_input", `Check ${fields.map((f) => f.field).join(" and ")}.`, { fields });
    }
    let identity: { kind: "verified"; ownerKey: string } | { kind: "unverified" } = { kind: "unverified" };
    if (args.signature !== undefined) {
      const secret = await ctx.db
        .query("widgetSecrets")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", args.organizationId))
        .unique();
      if (secret === null || !(await signatureMatches(secret.secret, email, args.signature))) {
        // A forged or stale signature is refused outright rather than silently downgraded.
        throw appError(
          "forbidden",
          "The identity signature does not match this e-mail; the site must sign it again.",
        );
      }
      identity = { kind: "verified", ownerKey: email };
    }
    const expiresAt = Date.now() + SESSION_LIFETIME_MS;
    const contactSessionId = await ctx.db.insert("contactSessions", {
      organizationId: args.organizationId,
      name,
      email,
      identity,
      ...(args.metadata === undefined ? {} : { metadata: args.metadata }),
      expiresAt,
    });
    return { contactSessionId, expiresAt, verified: identity.kind === "verified" };
  },
});

/** Whether a stored session id still works (the widget asks on load). */
export const validate = query({
  args: { contactSessionId: v.id("contactSessions") },
  returns: v.object({ valid: v.boolean(), verified: v.boolean(), expiresAt: v.union(v.number(), v.null()) }),
  handler: async (ctx, { contactSessionId }) => {
    const session = await ctx.db.get(contactSessionId);
    if (session === null || session.expiresAt <= Date.now())
      return { valid: false, verified: false, expiresAt: null };
    return { valid: true, verified: session.identity.kind === "verified", expiresAt: session.expiresAt };
  },
});
