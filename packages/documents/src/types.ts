/** The formats `extractDocument` reads. */
export const DOCUMENT_FORMATS = ["txt", "md", "html", "csv", "pdf"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A run of text under one heading path (and, for PDFs, on one page). */
export interface Section {
  /** Enclosing headings, outermost first (`["Returns", "Refund timing"]`); empty before any heading. */
  headingPath: string[];
  /** Paragraphs separated by a blank line; lines within a paragraph by a single newline. */
  text: string;
  /** 1-based page number (PDF only). */
  page?: number;
}

/** What `extractDocument` returns: plain text in reading order, split at headings or pages. */
export interface ExtractedDocument {
  format: DocumentFormat;
  /** A human title: from the document's own title when it has one, else its file name. */
  title: string;
  /** Never empty: a document without text is an `empty` `DocumentError` instead. */
  sections: Section[];
  /** PDF only: pages in the file, including pages without text. */
  pageCount?: number;
  /** Things a user may want to know that did not stop extraction (e.g. "pages 3–4 have no text"). */
  warnings: string[];
}

export interface ExtractOptions {
  fileName: string;
  /** The upload's `Content-Type`; used only when the file name has no known extension. */
  contentType?: string | undefined;
  /** Larger files are refused with `too_large` before any parsing. Default 20 MB (20 × 1024²). */
  maxBytes?: number | undefined;
}

/** One retrieval unit: `text` starts with its heading path so it stands alone. */
export interface Chunk {
  text: string;
  headingPath: string[];
  page?: number;
  /** 0-based position in the document's chunk list. */
  index: number;
}

export interface ChunkOptions {
  /** Preferred chunk length in characters, heading prefix included. Default 1000. */
  targetChars?: number;
  /** Hard limit on a chunk's length, heading prefix included. Default 1500. */
  maxChars?: number;
  /** How much of the previous chunk (within a section) a chunk repeats. Default 150. */
  overlapChars?: number;
}
