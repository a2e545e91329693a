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

/** A stored response for this key and `Idempotency-Key` that has not expired, or null. */
export const findIdempotent = internalQuery({
  args: { apiKeyId: v.id("apiKeys"), idempotencyKey: v.string() },
  returns: v.union(v.null(), v.object(apiIdempotencyFields)),
  handler: async (ctx, { apiKeyId, idempotencyKey }) => {
    const stored = await ctx.db
      .query("apiIdempotency")
      .withIndex("by_apiKeyId_and_idempotencyKey", (q) =>
        q.eq("apiKeyId", apiKeyId).eq("idempotencyKey", idempotencyKey),
      )
      .first();
    if (stored === null || stored.expiresAt <= Date.now()) return null;
    const { _id, _creationTime, ...fields } = stored;
    return fields;
  },
});

/** The end of every authenticated request: its audit entry and, for an idempotent POST, its response. */
export const finish = internalMutation({
  args: { audit: v.object(auditEventFields), idempotent: v.optional(v.object(apiIdempotencyFields)) },
  returns: v.null(),
  handler: async (ctx, { audit, idempotent }) => {
    await ctx.db.insert("auditEvents", audit);
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
    return null;
  },
});
