import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { sha256Hex, toHex } from "../contacts/sessionToken";
import { vApiScope, type vApiKeyStatus } from "./tables";

/*
 * An API key is `ab_live_<prefix>_<secret>`: 8 hex characters anyone may see (lists, the audit log) and
 * 32 random bytes. Only the SHA-256 of the whole string is stored, so a leaked table cannot be used.
 */

const KEY_PATTERN = /^ab_live_([0-9a-f]{8})_([0-9a-f]{64})$/;

export function newApiKeySecret(): { secret: string; prefix: string } {
  const prefix = toHex(crypto.getRandomValues(new Uint8Array(4)));
  const random = toHex(crypto.getRandomValues(new Uint8Array(32)));
  return { secret: `ab_live_${prefix}_${random}`, prefix };
}

export async function hashApiKey(secret: string): Promise<string> {
  return await sha256Hex(secret.trim());
}

/** The key from `Authorization: Bearer <key>`, or null when the header is missing or not one of ours. */
export function bearerKey(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  const key = match?.[1];
  return key !== undefined && KEY_PATTERN.test(key) ? key : null;
}

/** What a key's list row says: a revoked or expired key is refused with 401 whatever its scopes. */
export type ApiKeyState = Infer<typeof vApiKeyStatus>["kind"] | "expired";

export function apiKeyState(key: Doc<"apiKeys">, now: number): ApiKeyState {
  if (key.status.kind === "revoked") return "revoked";
  if (key.expiresAt !== undefined && key.expiresAt <= now) return "expired";
  return "active";
}

/** An authenticated request's key: what every /v1 handler is given (never the secret or its hash). */
export const vApiCaller = v.object({
  apiKeyId: v.id("apiKeys"),
  organizationId: v.id("organizations"),
  prefix: v.string(),
  scopes: v.array(vApiScope),
  /** Operator actions through the key (replies, escalate, resolve) are attributed to this admin. */
  createdBy: v.id("users"),
});
export type ApiCaller = Infer<typeof vApiCaller>;
