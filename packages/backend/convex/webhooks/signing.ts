/*
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature: v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64 bytes after `whsec_`. Web Crypto only,
 * so it runs in Convex's default runtime as well as in Node. test/webhooks.test.ts checks every
 * delivery with the `standardwebhooks` package, which is what receivers use.
 */

const SECRET_PREFIX = "whsec_";
const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** A new signing secret: `whsec_` and 32 random bytes in base64 (what Standard Webhooks libraries accept). */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export async function sign(
  secret: string,
  webhookId: string,
  timestampS: number,
  body: string,
): Promise<string> {
  const raw = Uint8Array.from(atob(secret.slice(SECRET_PREFIX.length)), (char) => char.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${webhookId}.${timestampS}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/**
 * The three headers of one attempt; `timestampS` is the attempt's own time, as the spec asks. One
 * signature per secret, space-separated (`v1,<a> v1,<b>`): during a rotation's grace period a receiver
 * holding either the new or the previous secret accepts the request.
 */
export async function signedHeaders(
  secrets: readonly string[],
  webhookId: string,
  timestampS: number,
  body: string,
): Promise<Record<string, string>> {
  const signatures = await Promise.all(secrets.map((secret) => sign(secret, webhookId, timestampS, body)));
  return {
    "content-type": "application/json",
    "user-agent": "Answerbase-Webhooks/1",
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestampS),
    "webhook-signature": signatures.join(" "),
  };
}
