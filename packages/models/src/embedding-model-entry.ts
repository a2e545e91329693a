import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbeddingCallStats } from "./call-stats.ts";

/** Vector sizes @convex-dev/rag (and @convex-dev/agent) can store; any other size is rejected there. */
export const RAG_DIMENSIONS = [128, 256, 512, 768, 1024, 1408, 1536, 2048, 3072, 4096] as const;
export type RagDimension = (typeof RAG_DIMENSIONS)[number];

export function isRagDimension(value: number): value is RagDimension {
  return (RAG_DIMENSIONS as readonly number[]).includes(value);
}

/**
 * Names the vectors a model produces, e.g. `"offline/universal-sentence-encoder-lite"` or
 * `"openai/text-embedding-3-small@512"`. Two entries with the same id produce the same vectors for the
 * same text; anything that changes the vectors (model, version, dimension) changes the id. Use it to
 * version a RAG namespace so that switching models re-indexes instead of mixing vector spaces.
 */
export type EmbeddingModelId = string & { readonly __brand: "EmbeddingModelId" };

/** Builds an id as `<provider>/<model>`, with `@<dimension>` when the vectors are shortened. */
export function embeddingModelId(provider: string, model: string, shortenedTo?: number): EmbeddingModelId {
  return `${provider}/${model}${shortenedTo === undefined ? "" : `@${shortenedTo}`}` as EmbeddingModelId;
}

/** One embedding model, ready for `ai`'s `embed`/`embedMany` and rag's `textEmbeddingModel`. */
export interface EmbeddingModelEntry {
  /** Stable name of the vector space; see {@link EmbeddingModelId}. */
  readonly id: EmbeddingModelId;
  /** Length of every vector `model` returns. */
  readonly dimension: RagDimension;
  /** An AI SDK v3 embedding model (what ai 6 and @convex-dev/rag 0.7 accept). */
  readonly model: EmbeddingModelV3;
  /** How many times `model.doEmbed` ran and how many texts it embedded, since creation or `reset()`. */
  readonly stats: EmbeddingCallStats;
}
