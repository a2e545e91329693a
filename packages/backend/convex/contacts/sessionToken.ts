import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";

/*
 * A contact session is held by the widget as a bearer token: 32 random bytes, shown once, stored only
 * as its SHA-256. Document ids are not secrets (they are guessable on some engines), so no public
 * function takes a session id.
 */

const encoder = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function newSessionToken(): string {
  return `cs_${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** Hex SHA-256 of a text: how bearer tokens (sessions, widget clients) and addresses are stored. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

export async function hashSessionToken(token: string): Promise<string> {
  return await sha256Hex(token.trim());
}

/** The session behind a token, or null when unknown or expired. */
export async function findContactSession(
  ctx: QueryCtx,
  token: string,
): Promise<Doc<"contactSessions"> | null> {
  if (!/^cs_[0-9a-f]{64}$/.test(token.trim())) return null;
  const tokenHash = await hashSessionToken(token);
  const session = await ctx.db
    .query("contactSessions")
    .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
  return session === null || session.expiresAt <= Date.now() ? null : session;
}

/** Every public chat function starts here: an unknown, forged or expired token is one clear error. */
export async function requireContactSession(ctx: QueryCtx, token: string): Promise<Doc<"contactSessions">> {
  const session = await findContactSession(ctx, token);
  if (session === null) {
    throw appError("session_expired", "This chat session has expired or is not valid; start a new one.");
  }
  return session;
}
