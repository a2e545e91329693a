import { getDocumentProxy } from "unpdf";
import { baseName } from "../detect-format.ts";
import { DocumentError } from "../errors.ts";
import { collapseWhitespace, looksLikeTitle, normalizeText } from "../text/normalize.ts";
import type { Section } from "../types.ts";
import { pageTextFromItems, type PdfTextItem } from "./pdf-page-text.ts";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** The PDF spec lets `%PDF-` start within the first 1024 bytes and `%%EOF` end within the last 1024. */
const MARKER_WINDOW = 1024;

/**
 * PDF, read with pdf.js (unpdf's serverless build: no worker, no canvas, no network): one section per
 * page that has text, `page` numbered from 1. The title is the document's Title metadata, else its
 * first line when that reads like a title, else the file name. Password-protected PDFs are
 * `unsupported`; damaged or cut-off files `corrupt`; pages without text are listed in a warning.
 */
export async function extractPdf(
  bytes: Uint8Array,
  fileName: string,
  fileLabel: string,
): Promise<{ title: string; sections: Section[]; pageCount: number; warnings: string[] }> {
  checkMarkers(bytes, fileLabel);
  const pdf = await openPdf(bytes, fileLabel);
  try {
    const sections: Section[] = [];
    const blankPages: number[] = [];
    const failedPages: number[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const text = await readPage(pdf, pageNumber).catch(() => undefined);
      if (text === undefined) failedPages.push(pageNumber);
      else if (text) sections.push({ headingPath: [], text, page: pageNumber });
      else blankPages.push(pageNumber);
    }
    if (failedPages.length === pdf.numPages) {
      throw new DocumentError("corrupt", `${fileLabel} could not be read: its pages are damaged.`);
    }
    const warnings: string[] = [];
    if (failedPages.length > 0)
      warnings.push(
        `${pageList(failedPages)} could not be read and ${verb(failedPages, "was", "were")} skipped.`,
      );
    if (blankPages.length > 0 && sections.length > 0)
      warnings.push(
        `${pageList(blankPages)} ${verb(blankPages, "has", "have")} no text that can be extracted (scanned images are not read).`,
      );
    const title = (await metadataTitle(pdf)) ?? firstLineTitle(sections) ?? baseName(fileName);
    return { title, sections, pageCount: pdf.numPages, warnings };
  } finally {
    await pdf.destroy();
  }
}

function checkMarkers(bytes: Uint8Array, fileLabel: string): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MARKER_WINDOW));
  if (!head.includes("%PDF-")) {
    throw new DocumentError("corrupt", `${fileLabel} is not a PDF file (it does not start like one).`);
  }
  const tailStart = Math.max(0, bytes.length - MARKER_WINDOW);
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + tailStart, bytes.length - tailStart);
  if (!tail.includes("%%EOF")) {
    throw new DocumentError(
      "corrupt",
      `${fileLabel} is incomplete: the file ends before the end of the PDF. It may have been cut off during download or upload; try uploading it again.`,
    );
  }
}

async function openPdf(bytes: Uint8Array, fileLabel: string): Promise<PdfDocument> {
  try {
    // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
    return await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (cause) {
    if ((cause as { name?: unknown } | null)?.name === "PasswordException") {
      throw new DocumentError(
        "unsupported",
        `${fileLabel} is password-protected. Remove the password (for example, save or print it as a new PDF) and upload it again.`,
        { cause },
      );
    }
    throw new DocumentError(
      "corrupt",
      `${fileLabel} could not be read: the file is damaged or is not a valid PDF.`,
      {
        cause,
      },
    );
  }
}

async function readPage(pdf: PdfDocument, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is PdfTextItem & typeof item => "str" in item);
    return normalizeText(pageTextFromItems(items));
  } finally {
    page.cleanup();
  }
}

async function metadataTitle(pdf: PdfDocument): Promise<string | undefined> {
  const metadata = await pdf.getMetadata().catch(() => undefined);
  const info: { Title?: unknown } | undefined = metadata?.info;
  const raw = info?.Title;
  if (typeof raw !== "string") return undefined;
  // Word and friends write "Microsoft Word - returns.docx" when the author set no title.
  const title = collapseWhitespace(raw)
    .replace(/^Microsoft (Word|PowerPoint|Excel) - /i, "")
    .replace(/\.(docx?|pptx?|xlsx?|pdf|odt|rtf|txt)$/i, "");
  return title && !/^untitled\b/i.test(title) ? title : undefined;
}

function firstLineTitle(sections: Section[]): string | undefined {
  const firstLine = sections[0]?.text.split("\n", 1)[0];
  return firstLine && looksLikeTitle(firstLine) ? firstLine.trim() : undefined;
}

const verb = (pages: number[], one: string, many: string) => (pages.length === 1 ? one : many);

/** [1, 2, 3, 7] → "Pages 1–3, 7"; [4] → "Page 4". */
function pageList(pages: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages.length;) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === (pages[j] ?? 0) + 1) j++;
    ranges.push(i === j ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
    i = j + 1;
  }
  return `${pages.length === 1 ? "Page" : "Pages"} ${ranges.join(", ")}`;
}
