export { detectFormat } from "./detect-format.ts";
export { extractDocument, DEFAULT_MAX_BYTES } from "./extract-document.ts";
export { chunkDocument } from "./chunk/chunk-document.ts";
export { contentHash } from "./content-hash.ts";
export { DocumentError, isDocumentError, DOCUMENT_ERROR_CODES, type DocumentErrorCode } from "./errors.ts";
export {
  DOCUMENT_FORMATS,
  type DocumentFormat,
  type ExtractedDocument,
  type ExtractOptions,
  type Section,
  type Chunk,
  type ChunkOptions,
} from "./types.ts";
export { extractAndChunk, closeExtractionWorkers, type ExtractAndChunkOptions } from "./extract-and-chunk.ts";
export type { ExtractedAndChunked } from "./worker/extraction-worker-pool.ts";
