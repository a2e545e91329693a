import type { SharedV3ProviderOptions } from "@ai-sdk/provider";
import type { RagDimension } from "../embedding-model-entry.ts";
import type { EmbeddingProvider } from "../env.ts";

/** How a model produces shorter vectors: which sizes, and the provider option that asks for one. */
export interface Shortening {
  accepts(dimension: number): boolean;
  providerOptions(dimension: number): SharedV3ProviderOptions;
}

export interface KnownEmbeddingModel {
  /** Vector length without shortening. */
  dimension: RagDimension;
  shortening?: Shortening;
}

/** Any size below the native one (Matryoshka-trained models). */
function anySmaller(native: number, providerKey: string, option: string): Shortening {
  return {
    accepts: (dimension) => dimension < native,
    providerOptions: (dimension) => ({ [providerKey]: { [option]: dimension } }),
  };
}

function oneOf(sizes: readonly number[], providerKey: string, option: string): Shortening {
  return {
    accepts: (dimension) => sizes.includes(dimension),
    providerOptions: (dimension) => ({ [providerKey]: { [option]: dimension } }),
  };
}

/**
 * Output sizes of the embedding models we know (from the providers' documentation). A model not listed
 * here works when EMBEDDING_DIMENSIONS states its output size.
 */
export const KNOWN_EMBEDDING_MODELS: Record<EmbeddingProvider, Record<string, KnownEmbeddingModel>> = {
  openai: {
    "text-embedding-3-small": { dimension: 1536, shortening: anySmaller(1536, "openai", "dimensions") },
    "text-embedding-3-large": { dimension: 3072, shortening: anySmaller(3072, "openai", "dimensions") },
    "text-embedding-ada-002": { dimension: 1536 },
  },
  google: {
    "gemini-embedding-001": {
      dimension: 3072,
      shortening: anySmaller(3072, "google", "outputDimensionality"),
    },
    "text-embedding-004": { dimension: 768, shortening: anySmaller(768, "google", "outputDimensionality") },
  },
  bedrock: {
    "amazon.titan-embed-text-v2:0": {
      dimension: 1024,
      shortening: oneOf([256, 512], "bedrock", "dimensions"),
    },
    "amazon.titan-embed-text-v1": { dimension: 1536 },
    "cohere.embed-english-v3": { dimension: 1024 },
    "cohere.embed-multilingual-v3": { dimension: 1024 },
  },
};
