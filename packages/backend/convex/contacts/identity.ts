/*
 * Verified identity for the widget, as support platforms do it: the organization's own server computes
 * `signature = hex(HMAC-SHA256(widgetSecret, lowercase(email)))` for the signed-in customer and passes it
 * to the widget (or signs a short-lived JWT); only a valid signature makes the contact "verified". Web Crypto, so it runs in
 * Convex's default runtime.
 */

import { jwtVerify } from "jose";

const encoder = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIdentity(secret: string, email: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(normalizeEmail(email)))));
}

/** Compares in time independent of where the strings differ. */
export async function signatureMatches(secret: string, email: string, signature: string): Promise<boolean> {
  const expected = await signIdentity(secret, email);
  const given = signature.trim().toLowerCase();
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i) || 0);
  return difference === 0;
}

export function newWidgetSecret(): string {
  return `wsec_${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A signed identity token may live at most this long (support platforms use minutes, not days). */
export const MAX_IDENTITY_TOKEN_LIFETIME_S = 60 * 60;

/**
 * The other way a site can vouch for its customer: a short-lived JWT (HS256 with the widget secret)
 * carrying `email` and `exp`. Returns the normalized e-mail, or null for a token that is forged, expired,
 * lives too long or lacks the claims.
 */
export async function verifyIdentityToken(secret: string, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token.trim(), encoder.encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["exp", "email"],
      clockTolerance: 30,
    });
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof payload.email !== "string" || payload.exp === undefined) return null;
    if (payload.exp - nowS > MAX_IDENTITY_TOKEN_LIFETIME_S) return null;
    return normalizeEmail(payload.email);
  } catch {
    // Every verification failure means the same thing to the caller: not verified. The caller refuses.
    return null;
  }
}
