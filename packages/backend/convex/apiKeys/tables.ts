import { defineTable } from "convex/server";
import { v } from "convex/values";
import { API_SCOPES } from "../shared/apiKeys";

export const vApiScope = v.union(...API_SCOPES.map((scope) => v.literal(scope)));

export const vApiKeyStatus = v.union(
  v.object({ kind: v.literal("active") }),
  v.object({ kind: v.literal("revoked"), at: v.number(), by: v.id("users") }),
);

export const apiKeyFields = {
  organizationId: v.id("organizations"),
  name: v.string(),
  /** The visible part of the secret (`ab_live_<prefix>_…`): shown in lists and the audit log. */
  prefix: v.string(),
  /** Hex SHA-256 of the whole secret; the secret itself is shown once and never stored. */
  secretHash: v.string(),
  scopes: v.array(vApiScope),
  createdBy: v.id("users"),
  /** Absent: valid until revoked. */
  expiresAt: v.optional(v.number()),
  lastUsedAt: v.optional(v.number()),
  status: vApiKeyStatus,
};

/**
 * One POST's stored response per key and `Idempotency-Key`, replayed for 24 h when the same request
 * comes again. `requestHash` is the SHA-256 of method, path and body: the same key with another body
 * is refused (422), not replayed.
 */
export const apiIdempotencyFields = {
  apiKeyId: v.id("apiKeys"),
  idempotencyKey: v.string(),
  requestHash: v.string(),
  status: v.number(),
  contentType: v.string(),
  body: v.string(),
  expiresAt: v.number(),
};

export const apiIdempotencyLockFields = {
  apiKeyId: v.id("apiKeys"),
  idempotencyKey: v.string(),
  requestHash: v.string(),
  expiresAt: v.number(),
};

export const apiKeyTables = {
  apiKeys: defineTable(apiKeyFields)
    .index("by_secretHash", ["secretHash"])
    .index("by_organizationId", ["organizationId"]),
  apiIdempotency: defineTable(apiIdempotencyFields)
    .index("by_apiKeyId_and_idempotencyKey", ["apiKeyId", "idempotencyKey"])
    .index("by_expiresAt", ["expiresAt"]),
  /**
   * A POST with an `Idempotency-Key` while it runs: a second request with the same key meanwhile is
   * answered 409 instead of running twice. Removed when the first one finishes; `expiresAt` frees a
   * key whose request never finished (the process stopped).
   */
  apiIdempotencyLocks: defineTable(apiIdempotencyLockFields)
    .index("by_apiKeyId_and_idempotencyKey", ["apiKeyId", "idempotencyKey"])
    .index("by_expiresAt", ["expiresAt"]),
};
