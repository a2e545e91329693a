import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbeddingProvider, ModelsEnv } from "../env.ts";
import { providerModel, type FetchFunction, type ModelResult } from "./provider-clients.ts";

export type { FetchFunction } from "./provider-clients.ts";

/** The embedding model `provider/modelId`, built from the validated environment. No network. */
export function providerEmbeddingModel(
  provider: EmbeddingProvider,
  modelId: string,
  env: ModelsEnv,
  fetch?: FetchFunction,
): ModelResult<EmbeddingModelV3> {
  return providerModel(provider, env, fetch, {
    openai: (openai) => openai.embedding(modelId),
    google: (google) => google.embedding(modelId),
    bedrock: (bedrock) => bedrock.embedding(modelId),
  });
}
