import { readFile } from "node:fs/promises";
import { expect } from "vitest";
import { DocumentError, type DocumentErrorCode } from "../src/index.ts";

export const utf8 = (text: string) => new TextEncoder().encode(text);

export async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(`fixtures/${name}`, import.meta.url)));
}

/** Awaits `promise`, expecting a `DocumentError` with `code`; returns it for more checks. */
export async function expectDocumentError(
  promise: Promise<unknown> | (() => unknown),
  code: DocumentErrorCode,
): Promise<DocumentError> {
  let thrown: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DocumentError);
  const error = thrown as DocumentError;
  expect(error.code).toBe(code);
  return error;
}
