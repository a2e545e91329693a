import type { SharedV3ProviderOptions } from "@ai-sdk/provider";
import { countEmbeddingCalls } from "./call-stats.ts";
import {
  embeddingModelId,
  RAG_DIMENSIONS,
  type EmbeddingModelEntry,
  type RagDimension,
} from "./embedding-model-entry.ts";
import { readModelsEnv, type EmbeddingProvider } from "./env.ts";
import { offlineEmbeddingModel } from "./offline/offline-embedding-model.ts";
import { KNOWN_EMBEDDING_MODELS } from "./providers/known-models.ts";
import { providerEmbeddingModel, type FetchFunction } from "./providers/provider-models.ts";
import { testEmbeddingModel } from "./test-embedder/test-embedding-model.ts";
import { warnOnce } from "./warn-once.ts";
import { withProviderOptions } from "./with-provider-options.ts";

export interface EmbeddingModelFromEnvOptions {
  /** Where the fallback warning goes (default `console.warn`); each distinct warning is given once. */
  warn?: (message: string) => void;
  /** Passed to the provider SDK (tests, proxies). */
  fetch?: FetchFunction;
}

interface ResolvedDimension {
  dimension: RagDimension;
  /** Set when the provider is asked for shorter vectors than the model's own. */
  shortening?: SharedV3ProviderOptions;
}

function resolveDimension(
  provider: EmbeddingProvider,
  modelId: string,
  requested: RagDimension | undefined,
): ResolvedDimension {
  const name = `EMBEDDING_MODEL=${provider}/${modelId}`;
  const known = KNOWN_EMBEDDING_MODELS[provider][modelId];
  if (!known) {
    if (requested === undefined)
      throw new Error(
        `${name}: this model's vector size is not in the table; set EMBEDDING_DIMENSIONS to its output size (one of ${RAG_DIMENSIONS.join(", ")}).`,
      );
    return { dimension: requested }; // the operator states the model's own size; nothing to send
  }
  if (requested === undefined || requested === known.dimension) return { dimension: known.dimension };
  if (!known.shortening?.accepts(requested))
    throw new Error(
      `${name} produces ${known.dimension}-dimensional vectors and cannot be shortened to EMBEDDING_DIMENSIONS=${requested}.`,
    );
  return { dimension: requested, shortening: known.shortening.providerOptions(requested) };
}

/**
 * The embedding model the environment asks for:
 * - `EMBEDDING_MODEL`: `offline` (default), `test`, or `openai/…`, `google/…`, `bedrock/…`;
 * - `EMBEDDING_DIMENSIONS`: shorter vectors where the model supports it;
 * - `OFFLINE_EMBEDDING_WORKERS`: the offline model's worker threads (default one per core, 0 inline).
 *
 * A provider whose credentials are missing gives one warning and the offline model instead. Invalid
 * values (unknown provider, a size the model cannot produce) throw, naming the variable.
 */
export function embeddingModelFromEnv(
  source: Record<string, string | undefined> = process.env,
  options: EmbeddingModelFromEnvOptions = {},
): EmbeddingModelEntry {
  const env = readModelsEnv(source);
  const spec = env.EMBEDDING_MODEL;
  const requested = env.EMBEDDING_DIMENSIONS;
  const offline = () =>
    offlineEmbeddingModel({
      ...(env.OFFLINE_EMBEDDING_WORKERS === undefined ? {} : { workers: env.OFFLINE_EMBEDDING_WORKERS }),
      ...(options.warn === undefined ? {} : { warn: options.warn }),
    });
  switch (spec.kind) {
    case "offline":
      if (requested !== undefined && requested !== 512)
        throw new Error(
          `EMBEDDING_MODEL=offline produces 512-dimensional vectors; EMBEDDING_DIMENSIONS=${requested} is not possible.`,
        );
      return offline();
    case "test":
      return testEmbeddingModel(requested === undefined ? {} : { dimension: requested });
    case "provider": {
      const { provider, modelId } = spec;
      const { dimension, shortening } = resolveDimension(provider, modelId, requested);
      const created = providerEmbeddingModel(provider, modelId, env, options.fetch);
      if (created.kind === "missing-credentials") {
        const fallback = offline();
        warnOnce(
          options.warn ?? console.warn,
          `EMBEDDING_MODEL=${provider}/${modelId} needs ${created.missing}, which is not set; ` +
            `using the offline model instead (${fallback.id}, ${fallback.dimension} dimensions).`,
        );
        return fallback;
      }
      const model = shortening ? withProviderOptions(created.model, shortening) : created.model;
      return {
        id: embeddingModelId(provider, modelId, shortening ? dimension : undefined),
        dimension,
        ...countEmbeddingCalls(model),
      };
    }
  }
}
