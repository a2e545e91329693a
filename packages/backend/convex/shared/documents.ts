/* Knowledge documents: `knowledge/documents.ts` refuses other files, the dashboard's upload zone says so first. */

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** The file name endings the parsers read (lower-case, without the dot). */
export const DOCUMENT_EXTENSIONS = ["txt", "md", "markdown", "html", "htm", "csv", "tsv", "pdf"] as const;
