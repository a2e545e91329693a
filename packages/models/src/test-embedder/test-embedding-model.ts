import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { countEmbeddingCalls } from "../call-stats.ts";
import {
  embeddingModelId,
  isRagDimension,
  RAG_DIMENSIONS,
  type EmbeddingModelEntry,
  type RagDimension,
} from "../embedding-model-entry.ts";
import { hashedNgramVector, normalizedWords } from "./feature-hashing.ts";

export interface TestEmbeddingModelOptions {
  /** Vector length (default 256). Changes the id, since the vectors change. */
  dimension?: RagDimension;
  /** Batch size `embedMany` splits into (default 2048), e.g. 1 to test per-text calls. */
  maxEmbeddingsPerCall?: number;
}

/** Bump when `hashedNgramVector` changes its output, so namespaces built with the old one are not reused. */
const ALGORITHM = "hashed-ngrams-v1";
const DEFAULT_DIMENSION: RagDimension = 256;

/**
 * A deterministic embedder for tests and demos: no I/O, no model, tens of thousands of short texts per
 * second. Similarity is lexical (shared words and character trigrams), not semantic.
 */
export function testEmbeddingModel(options: TestEmbeddingModelOptions = {}): EmbeddingModelEntry {
  const dimension: number = options.dimension ?? DEFAULT_DIMENSION;
  if (!isRagDimension(dimension))
    throw new Error(
      `testEmbeddingModel: dimension must be one of ${RAG_DIMENSIONS.join(", ")}, got ${dimension}`,
    );
  const maxEmbeddingsPerCall = options.maxEmbeddingsPerCall ?? 2048;
  const modelId = dimension === DEFAULT_DIMENSION ? ALGORITHM : `${ALGORITHM}@${dimension}`;

  const model: EmbeddingModelV3 = {
    specificationVersion: "v3",
    provider: "test",
    modelId,
    maxEmbeddingsPerCall,
    supportsParallelCalls: true,
    doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      return Promise.resolve({
        embeddings: values.map((text) => hashedNgramVector(text, dimension)),
        usage: { tokens: values.reduce((sum, text) => sum + normalizedWords(text).length, 0) },
        warnings: [],
      });
    },
  };
  const counted = countEmbeddingCalls(model);
  return {
    id: embeddingModelId("test", ALGORITHM, dimension === DEFAULT_DIMENSION ? undefined : dimension),
    dimension,
    ...counted,
  };
}
