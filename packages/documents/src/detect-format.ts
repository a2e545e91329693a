import { DocumentError } from "./errors.ts";
import type { DocumentFormat } from "./types.ts";

const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  xhtml: "html",
  csv: "csv",
  tsv: "csv",
  pdf: "pdf",
};

const BY_CONTENT_TYPE: Record<string, DocumentFormat> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/csv": "csv",
  "application/csv": "csv",
  "text/tab-separated-values": "csv",
  "application/pdf": "pdf",
};

/** What the user is told we accept. */
export const ACCEPTED_FILES = "PDF, plain text (.txt), Markdown (.md), HTML (.html) or CSV (.csv, .tsv)";

/**
 * The format of an upload, from its file name's extension, else its content type (browsers send
 * `application/octet-stream` for anything they do not know, so the extension is the better witness).
 * Throws `DocumentError("unsupported")` naming what is accepted.
 */
export function detectFormat(fileName: string, contentType?: string): DocumentFormat {
  const extension = extensionOf(fileName);
  const byExtension = extension === undefined ? undefined : BY_EXTENSION[extension];
  if (byExtension) return byExtension;
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  const byContentType = mediaType ? BY_CONTENT_TYPE[mediaType] : undefined;
  if (byContentType) return byContentType;
  const what = extension ? `.${extension} files are` : `"${displayName(fileName)}" is`;
  throw new DocumentError("unsupported", `${what} not supported. Upload a ${ACCEPTED_FILES} file.`);
}

function extensionOf(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
}

/** The file name without folders and extension: the title of last resort. */
export function baseName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? "").trim();
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem || "Untitled";
}

/** A file name fit to quote in a message. */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.length > 80 ? `${base.slice(0, 77)}…` : base;
}
