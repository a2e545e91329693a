import { createHash } from "node:crypto";

/**
 * SHA-256 of the file's bytes as lowercase hex: equal hashes mean an identical re-upload, whose
 * extraction and embedding can be skipped.
 */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
