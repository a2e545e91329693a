import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { apiKeyState, vApiCaller } from "../apiKeys/model";
import { apiIdempotencyFields } from "../apiKeys/tables";
import { auditEventFields } from "../audit/tables";
import { isAppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rateLimits";

/* The HTTP API's reads and writes of keys (internal: called from `httpApi/` only). */

/** `lastUsedAt` is written at most this often per key, so a busy key does not contend on its row. */
const LAST_USED_RESOLUTION_MS = 1000;

/**
 * The key behind a secret's hash, checked (known, active, not expired) and charged one request of its
 * rate limit, in one transaction so a request costs one round trip before its handler runs.
 */
export const authenticate = internalMutation({
  args: { secretHash: v.string() },
  returns: v.union(
    v.object({ kind: v.literal("ok"), caller: vApiCaller }),
    v.object({ kind: v.literal("refused"), reason: v.literal("unknown") }),
    /** A key that exists: its use is still audited. */
    v.object({
      kind: v.literal("refused"),
      reason: v.union(v.literal("revoked"), v.literal("expired")),
      caller: vApiCaller,
    }),
    v.object({ kind: v.literal("limited"), caller: vApiCaller, retryAfterMs: v.number() }),
  ),
  handler: async (ctx, { secretHash }) => {
    const key = await ctx.db
      .query("apiKeys")
      .withIndex("by_secretHash", (q) => q.eq("secretHash", secretHash))
      .unique();
    if (key === null) return { kind: "refused" as const, reason: "unknown" as const };
    const now = Date.now();
    const caller = {
      apiKeyId: key._id,
      organizationId: key.organizationId,
      prefix: key.prefix,
      scopes: key.scopes,
      createdBy: key.createdBy,
    };
    const state = apiKeyState(key, now);
    if (state !== "active") return { kind: "refused" as const, reason: state, caller };
    try {
      await enforceRateLimit(ctx, "apiKeyRequests", key._id);
    } catch (error) {
      if (isAppError(error) && error.data.code === "rate_limited") {
        return { kind: "limited" as const, caller, retryAfterMs: error.data.retryAfterMs ?? 1000 };
      }
      throw error;
    }
    if (key.lastUsedAt === undefined || now - key.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
      await ctx.db.patch(key._id, { lastUsedAt: now });
    }
    return { kind: "ok" as const, caller };
  },
});

/** A running request holds its Idempotency-Key at most this long (longer than any request runs). */
const LOCK_TTL_MS = 10 * 60 * 1000;

/**
 * Before a POST with an `Idempotency-Key` runs, in one transaction: the stored response (replay, or
 * 422 for another request), or the key held by a request still running (409, or 422 for another
 * request), or the key taken for this request (`run`). Two requests racing serialize here: exactly
 * one runs.
 */
export const beginIdempotent = internalMutation({
  args: { apiKeyId: v.id("apiKeys"), idempotencyKey: v.string(), requestHash: v.string() },
  returns: v.union(
    v.object({ kind: v.literal("run") }),
    v.object({ kind: v.literal("reused") }),
    v.object({ kind: v.literal("in_progress") }),
    v.object({ kind: v.literal("stored"), stored: v.object(apiIdempotencyFields) }),
  ),
  handler: async (ctx, { apiKeyId, idempotencyKey, requestHash }) => {
    const now = Date.now();
    const stored = await ctx.db
      .query("apiIdempotency")
      .withIndex("by_apiKeyId_and_idempotencyKey", (q) =>
        q.eq("apiKeyId", apiKeyId).eq("idempotencyKey", idempotencyKey),
      )
      .first();
    if (stored !== null && stored.expiresAt > now) {
      if (stored.requestHash !== requestHash) return { kind: "reused" as const };
      const { _id, _creationTime, ...fields } = stored;
      return { kind: "stored" as const, stored: fields };
    }
    const lock = await ctx.db
      .query("apiIdempotencyLocks")
      .withIndex("by_apiKeyId_and_idempotencyKey", (q) =>
        q.eq("apiKeyId", apiKeyId).eq("idempotencyKey", idempotencyKey),
      )
      .first();
    if (lock !== null && lock.expiresAt > now)
      return { kind: lock.requestHash === requestHash ? ("in_progress" as const) : ("reused" as const) };
    if (lock !== null) await ctx.db.delete(lock._id);
    await ctx.db.insert("apiIdempotencyLocks", {
      apiKeyId,
      idempotencyKey,
      requestHash,
      expiresAt: now + LOCK_TTL_MS,
    });
    return { kind: "run" as const };
  },
});

/** The end of every authenticated request: its audit entry and, for an idempotent POST, its response. */
export const finish = internalMutation({
  args: {
    audit: v.object(auditEventFields),
    idempotent: v.optional(v.object(apiIdempotencyFields)),
    /** The Idempotency-Key this request held while it ran: released, stored or not. */
    release: v.optional(v.object({ apiKeyId: v.id("apiKeys"), idempotencyKey: v.string() })),
  },
  returns: v.null(),
  handler: async (ctx, { audit, idempotent, release }) => {
    await ctx.db.insert("auditEvents", audit);
    if (release !== undefined) {
      const locks = await ctx.db
        .query("apiIdempotencyLocks")
        .withIndex("by_apiKeyId_and_idempotencyKey", (q) =>
          q.eq("apiKeyId", release.apiKeyId).eq("idempotencyKey", release.idempotencyKey),
        )
        .collect();
      for (const lock of locks) await ctx.db.delete(lock._id);
    }
    if (idempotent !== undefined) {
      const earlier = await ctx.db
        .query("apiIdempotency")
        .withIndex("by_apiKeyId_and_idempotencyKey", (q) =>
          q.eq("apiKeyId", idempotent.apiKeyId).eq("idempotencyKey", idempotent.idempotencyKey),
        )
        .collect();
      for (const row of earlier) await ctx.db.delete(row._id);
      await ctx.db.insert("apiIdempotency", idempotent);
    }
    return null;
  },
});

/** Hourly (crons.ts): stored idempotent responses older than their 24 h. */
export const purgeIdempotency = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("apiIdempotency")
      .withIndex("by_expiresAt", (q) => q.lt("expiresAt", Date.now()))
      .take(500);
    for (const row of expired) await ctx.db.delete(row._id);
    const stale = await ctx.db
      .query("apiIdempotencyLocks")
      .withIndex("by_expiresAt", (q) => q.lt("expiresAt", Date.now()))
      .take(500);
    for (const lock of stale) await ctx.db.delete(lock._id);
    return null;
  },
});

/**
 * Whether the key's creator is still an owner or admin of its organization. The `sql` scope reads
 * every row, as only admins may: a key does not keep that power after its creator was demoted or left.
 */
export const creatorIsAdmin = internalQuery({
  args: { organizationId: v.id("organizations"), userId: v.id("users") },
  returns: v.boolean(),
  handler: async (ctx, { organizationId, userId }) => {
    const membership = await ctx.db
      .query("memberships")
      .withIndex("by_organizationId_and_userId", (q) =>
        q.eq("organizationId", organizationId).eq("userId", userId),
      )
      .unique();
    return membership !== null && membership.role !== "member";
  },
});
