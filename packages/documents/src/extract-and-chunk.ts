import { availableParallelism } from "node:os";
import { chunkDocument } from "./chunk/chunk-document.ts";
import { extractDocument } from "./extract-document.ts";
import type { ChunkOptions, ExtractOptions } from "./types.ts";
import { ExtractionWorkerPool, type ExtractedAndChunked } from "./worker/extraction-worker-pool.ts";

export interface ExtractAndChunkOptions extends ExtractOptions {
  chunkOptions?: ChunkOptions;
  /**
   * Worker threads that parse files (default: one per core, shared by every caller of the process with
   * that size); 0 parses on the calling thread. Same result either way.
   */
  workers?: number;
  /** Where the warning goes when workers cannot run here (default `console.warn`), once per process. */
  warn?: (message: string) => void;
}

/** Pools by size, shared per process; a pool that failed is dropped, and that size runs inline after. */
const pools = new Map<number, ExtractionWorkerPool | "unavailable">();
let warned = false;

function inline(bytes: Uint8Array, options: ExtractAndChunkOptions): Promise<ExtractedAndChunked> {
  return extractDocument(bytes, options).then((extracted) => ({
    extracted,
    chunks: chunkDocument(extracted, options.chunkOptions),
  }));
}

function warnUnavailable(warn: (message: string) => void, cause: Error) {
  if (warned) return;
  warned = true;
  warn(
    `Document extraction workers are unavailable (${cause.message}); parsing on the calling thread instead.`,
  );
}

/**
 * `extractDocument` then `chunkDocument`, off the calling thread when workers can run, so parsing a
 * large upload never holds up the database and network I/O that thread serves. A pool whose worker
 * failed (a bundle without the worker file or tsx, a crash) is closed and the file is parsed here
 * instead: same result, one warning. `DocumentError`s are thrown as `extractDocument` throws them.
 */
export async function extractAndChunk(
  bytes: Uint8Array,
  options: ExtractAndChunkOptions,
): Promise<ExtractedAndChunked> {
  const workers = options.workers ?? availableParallelism();
  const warn = options.warn ?? console.warn;
  if (workers <= 0) return await inline(bytes, options);
  let pool = pools.get(workers);
  if (pool === undefined) pools.set(workers, (pool = new ExtractionWorkerPool(workers)));
  if (pool === "unavailable") return await inline(bytes, options);
  const { fileName, contentType, maxBytes, chunkOptions } = options;
  try {
    return await pool.extract(bytes, { fileName, contentType, maxBytes }, chunkOptions);
  } catch (error) {
    if (!pool.failed) throw error;
    if (pools.get(workers) === pool) {
      pools.set(workers, "unavailable");
      void pool.close();
      warnUnavailable(warn, pool.failed);
    }
    return await inline(bytes, options);
  }
}

/** Terminates the extraction workers (idle ones never keep the process alive). */
export async function closeExtractionWorkers() {
  const closing = [...pools.values()].flatMap((pool) => (pool === "unavailable" ? [] : [pool.close()]));
  pools.clear();
  warned = false;
  await Promise.all(closing);
}
