/**
 * The one error type extraction throws. `message` is written for the person who uploaded the file;
 * `cause` keeps the parser's original error for logs.
 */
export const DOCUMENT_ERROR_CODES = [
  /**
   * We do not read this file: its type (the message lists the ones we do) or a password-protected PDF.
   */
  "unsupported",
  /** The bytes are not a readable file of the type claimed (malformed or truncated PDF, binary "text"). */
  "corrupt",
  /** The file is empty or has no text we can extract (e.g. a scanned PDF). */
  "empty",
  /** The file is larger than the limit. */
  "too_large",
] as const;

export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DocumentError";
    this.code = code;
  }

  /** A plain object for logs and API responses. */
  toJSON() {
    return { code: this.code, message: this.message };
  }
}

export function isDocumentError(error: unknown): error is DocumentError {
  return error instanceof DocumentError;
}
