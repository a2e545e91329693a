/*
 * Verified identity for the widget, as support platforms do it: the organization's own server computes
 * `signature = hex(HMAC-SHA256(widgetSecret, lowercase(email)))` for the signed-in customer and passes it
 * to the widget; only a matching signature makes the contact "verified". Web Crypto, so it runs in
 * Convex's default runtime.
 */

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
