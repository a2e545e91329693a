import { v, type Infer } from "convex/values";
import type { vContactIdentity } from "../contacts/tables";
import type { Id } from "../_generated/dataModel";
import { mutation, query, type MutationCtx } from "../_generated/server";
import { normalizeEmail, signatureMatches, verifyIdentityToken } from "../contacts/identity";
import { resolveClientKey } from "../contacts/clientKeys";
import { findContactSession, hashSessionToken, newSessionToken } from "../contacts/sessionToken";
import { appError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";
import { metadataProblems, textFieldProblems, throwIfProblems } from "../lib/textRules";
import { CONTACT_NAME_MAX, EMAIL_PATTERN as EMAIL } from "../shared/contacts";

/* Called by the widget: start a contact session (optionally verified), and check one. */

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

type Identity = Infer<typeof vContactIdentity>;

async function widgetSecret(ctx: MutationCtx, organizationId: Id<"organizations">): Promise<string | null> {
  const secret = await ctx.db
    .query("widgetSecrets")
    .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
    .unique();
  return secret?.secret ?? null;
}

/** A forged or stale proof is refused outright rather than silently downgraded to unverified. */
async function verifiedIdentity(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  email: string,
  proof: { signature?: string; identityToken?: string },
): Promise<Identity> {
  if (proof.signature === undefined && proof.identityToken === undefined) return { kind: "unverified" };
  const secret = await widgetSecret(ctx, organizationId);
  if (proof.signature !== undefined) {
    if (secret === null || !(await signatureMatches(secret, email, proof.signature))) {
      throw appError(
        "forbidden",
        "The identity signature does not match this e-mail; the site must sign it again.",
      );
    }
    return { kind: "verified", ownerKey: email, method: "signature" };
  }
  const tokenEmail = secret === null ? null : await verifyIdentityToken(secret, proof.identityToken ?? "");
  if (tokenEmail === null || tokenEmail !== email) {
    throw appError(
      "forbidden",
      "The identity token is not valid for this e-mail (forged, expired, or valid for more than an hour).",
    );
  }
  return { kind: "verified", ownerKey: email, method: "identity_token" };
}

export const start = mutation({
  args: {
    organizationId: v.id("organizations"),
    name: v.string(),
    email: v.string(),
    /** hex(HMAC-SHA256(widget secret, lowercase e-mail)) from the organization's server. */
    signature: v.optional(v.string()),
    /** Or a JWT (HS256, widget secret) with `email` and an `exp` at most an hour ahead. */
    identityToken: v.optional(v.string()),
    /** What the site knows about the visitor: at most 20 keys ([A-Za-z0-9_.-], ≤ 40) of one-line values ≤ 200. */
    metadata: v.optional(v.record(v.string(), v.string())),
    /**
     * The widget's client token (`POST /widget/clients`): limits count per client under a high
     * per-organization ceiling. Without one, the call shares a small per-organization bucket.
     */
    clientToken: v.optional(v.string()),
  },
  returns: v.object({
    /** The widget's bearer token for this session; only its hash is stored. */
    sessionToken: v.string(),
    expiresAt: v.number(),
    verified: v.boolean(),
  }),
  handler: async (ctx, args) => {
    const organization = await ctx.db.get(args.organizationId);
    if (organization === null)
      throw appError("not_found", "Unknown organization: check the widget's data-organization-id.");
    const clientKey = await resolveClientKey(ctx, args.organizationId, args.clientToken);
    if (clientKey === null) {
      await enforceRateLimit(ctx, "startContactSessionUnidentified", args.organizationId);
    } else {
      await enforceRateLimit(ctx, "startContactSessionPerClient", clientKey);
      await enforceRateLimit(ctx, "startContactSession", args.organizationId);
    }
    const name = args.name.trim();
    const email = normalizeEmail(args.email);
    const fields = [
      ...(name.length < 1 || name.length > CONTACT_NAME_MAX
        ? [{ field: "name", message: `must be 1 to ${CONTACT_NAME_MAX} characters` }]
        : textFieldProblems("name", name)),
      ...(!EMAIL.test(email) || email.length > 254
        ? [{ field: "email", message: "must be an e-mail address" }]
        : textFieldProblems("email", email)),
      ...(args.signature !== undefined && args.identityToken !== undefined
        ? [{ field: "identityToken", message: "give either a signature or an identity token, not both" }]
        : []),
      ...(args.metadata === undefined ? [] : metadataProblems(args.metadata)),
    ];
    throwIfProblems(fields);
    const identity = await verifiedIdentity(ctx, args.organizationId, email, args);
    const sessionToken = newSessionToken();
    const expiresAt = Date.now() + SESSION_LIFETIME_MS;
    await ctx.db.insert("contactSessions", {
      organizationId: args.organizationId,
      tokenHash: await hashSessionToken(sessionToken),
      name,
      email,
      identity,
      ...(args.metadata === undefined ? {} : { metadata: args.metadata }),
      ...(clientKey === null ? {} : { clientKey }),
      expiresAt,
    });
    return { sessionToken, expiresAt, verified: identity.kind === "verified" };
  },
});

/** Whether a stored session token still works (the widget asks on load). */
export const validate = query({
  args: { sessionToken: v.string() },
  returns: v.object({ valid: v.boolean(), verified: v.boolean(), expiresAt: v.union(v.number(), v.null()) }),
  handler: async (ctx, { sessionToken }) => {
    const session = await findContactSession(ctx, sessionToken);
    if (session === null) return { valid: false, verified: false, expiresAt: null };
    return { valid: true, verified: session.identity.kind === "verified", expiresAt: session.expiresAt };
  },
});
