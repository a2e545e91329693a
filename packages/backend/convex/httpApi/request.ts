import type { z } from "zod";
import type { FieldProblem } from "../lib/textRules";

/* Reading a /v1 request before any handler sees it: the body under its size limit, then its schema. */

/** Bodies above this are refused (413) before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { kind: "ok"; text: string } | { kind: "too_large" } | { kind: "not_text" };

/**
 * The body as text, refused as soon as it is known to be too large: by its Content-Length, else while
 * it streams in (a chunked body or a lying header cannot get past the limit either).
 */
export async function readBody(request: Request): Promise<BodyRead> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) return { kind: "too_large" };
  if (request.body === null) return { kind: "ok", text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      return { kind: "too_large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { kind: "ok", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: not JSON either; the caller answers 400 without echoing the bytes.
    return { kind: "not_text" };
  }
}

/** `application/json` with or without parameters (`; charset=utf-8`). */
export function isJson(contentType: string | null): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType?.trim() ?? "");
}

/** Every problem of the value against the schema, as fields the caller can fix (`customer.email`). */
export function fieldProblems(error: z.ZodError, prefix = ""): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter((part) => part.length > 0).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: at.length > 0 ? `${at}.${key}` : key,
        message: "is not a known field",
      }));
    }
    return [{ field: at.length > 0 ? at : "(body)", message: issue.message }];
  });
}

/** A POST's `Idempotency-Key`: printable ASCII, 1 to 255 characters. */
export function idempotencyKeyProblem(key: string): string | null {
  return /^[\x21-\x7e]{1,255}$/.test(key)
    ? null
    : "must be 1 to 255 printable ASCII characters without spaces";
}
