import { appError } from "../lib/errors";

/**
 * AES-256-GCM for data source configs when Secrets Manager is not configured. The key (32 random bytes,
 * base64) comes from `DATA_SOURCE_ENCRYPTION_KEY`; `pnpm dev` creates one on first run. Web Crypto, so
 * it runs in Convex's default runtime as well as in Node.
 */
export interface SealedSecret {
  keyId: string;
  iv: string;
  ciphertext: string;
}

const encoder = new TextEncoder();

// btoa/atob rather than Buffer: Convex's default runtime has no Buffer.
function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

async function importKey(base64Key: string | undefined): Promise<{ key: CryptoKey; keyId: string }> {
  if (base64Key === undefined) {
    throw appError(
      "not_configured",
      "No secret store: set AWS_REGION for Secrets Manager, or DATA_SOURCE_ENCRYPTION_KEY (32 random bytes, base64: `openssl rand -base64 32`).",
    );
  }
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(base64Key);
  } catch {
    raw = new Uint8Array(); // not base64: reported just below with the fix
  }
  if (raw.length !== 32) {
    throw appError("not_configured", "DATA_SOURCE_ENCRYPTION_KEY must be 32 bytes encoded as base64.");
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const keyId = [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { key, keyId };
}

/** `additionalData` binds the ciphertext to its organization: a row copied to another one does not open. */
export async function sealSecret(
  plaintext: string,
  base64Key: string | undefined,
  additionalData: string,
): Promise<SealedSecret> {
  const { key, keyId } = await importKey(base64Key);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(additionalData) },
    key,
    encoder.encode(plaintext),
  );
  return { keyId, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

export async function openSecret(
  sealed: SealedSecret,
  base64Key: string | undefined,
  additionalData: string,
): Promise<string> {
  const { key, keyId } = await importKey(base64Key);
  if (sealed.keyId !== keyId) {
    throw appError(
      "secret_corrupted",
      "The saved connection was encrypted with a different DATA_SOURCE_ENCRYPTION_KEY; restore that key or connect the database again.",
    );
  }
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: encoder.encode(additionalData) },
      key,
      fromBase64(sealed.ciphertext),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    // AES-GCM reports every tampering or wrong-key case as the same detail-less OperationError.
    throw appError(
      "secret_corrupted",
      "The saved connection cannot be decrypted; connect the database again.",
    );
  }
}
