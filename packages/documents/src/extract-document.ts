import { detectFormat, displayName } from "./detect-format.ts";
import { DocumentError } from "./errors.ts";
import { extractCsv } from "./formats/csv.ts";
import { extractHtml } from "./formats/html.ts";
import { extractMarkdown } from "./formats/markdown.ts";
import { extractPdf } from "./formats/pdf.ts";
import { extractTxt } from "./formats/txt.ts";
import { decodeText } from "./text/decode.ts";
import type { DocumentFormat, ExtractedDocument, ExtractOptions, Section } from "./types.ts";

/** 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * An uploaded file's bytes → its title and text, split at headings (md, html), row groups (csv) or
 * pages (pdf). Throws `DocumentError`: `unsupported` (file type, password-protected PDF), `too_large`
 * (over `maxBytes`, checked before parsing), `empty` (no bytes, or no text), `corrupt` (binary data
 * named as text, a malformed or truncated PDF, unreadable CSV). Never modifies `bytes`.
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions,
): Promise<ExtractedDocument> {
  const format = detectFormat(options.fileName, options.contentType);
  const label = `"${displayName(options.fileName)}"`;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new DocumentError(
      "too_large",
      `${label} is ${formatSize(bytes.length)}; the limit is ${formatSize(maxBytes)}. Split it into smaller files.`,
    );
  }
  if (bytes.length === 0) throw new DocumentError("empty", `${label} is empty.`);

  const extracted = await extractByFormat(format, bytes, options.fileName, label);
  if (extracted.sections.length === 0) {
    throw new DocumentError(
      "empty",
      format === "pdf"
        ? `${label} has no text that can be extracted. It may be a scanned document; text inside images is not read.`
        : `${label} has no text.`,
    );
  }
  return { format, ...extracted, warnings: extracted.warnings ?? [] };
}

type Extracted = Omit<ExtractedDocument, "format" | "warnings"> & { warnings?: string[] };

async function extractByFormat(
  format: DocumentFormat,
  bytes: Uint8Array,
  fileName: string,
  label: string,
): Promise<Extracted> {
  if (format === "pdf") return extractPdf(bytes, fileName, label);
  const { text, warnings } = decodeText(bytes, label);
  const extracted = extractText(format, text, fileName, label);
  return { ...extracted, warnings: [...warnings, ...(extracted.warnings ?? [])] };
}

function extractText(
  format: Exclude<DocumentFormat, "pdf">,
  text: string,
  fileName: string,
  label: string,
): { title: string; sections: Section[]; warnings?: string[] } {
  switch (format) {
    case "txt":
      return extractTxt(text, fileName);
    case "md":
      return extractMarkdown(text, fileName);
    case "html":
      return extractHtml(text, fileName);
    case "csv":
      return extractCsv(text, fileName, label);
  }
}

function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ["MB", 1024 * 1024],
    ["KB", 1024],
  ] as const) {
    const amount = bytes / size;
    if (amount >= 1) return `${Number.isInteger(amount) ? amount : amount.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
