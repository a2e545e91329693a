import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbeddingProvider, ModelsEnv } from "../env.ts";
import {
  bedrockClient,
  googleClient,
  openaiClient,
  type ClientResult,
  type FetchFunction,
} from "./provider-clients.ts";

export type { FetchFunction } from "./provider-clients.ts";

/** A provider's embedding model, or the variables it still needs. */
export type ProviderModelResult =
  { kind: "ready"; model: EmbeddingModelV3 } | { kind: "missing-credentials"; missing: string };

function embeddingFrom<T>(
  result: ClientResult<T>,
  embedding: (client: T) => EmbeddingModelV3,
): ProviderModelResult {
  return result.kind === "ready" ? { kind: "ready", model: embedding(result.client) } : result;
}

/** The embedding model `provider/modelId`, built from the validated environment. No network. */
export function providerEmbeddingModel(
  provider: EmbeddingProvider,
  modelId: string,
  env: ModelsEnv,
  fetch?: FetchFunction,
): ProviderModelResult {
  switch (provider) {
    case "openai":
      return embeddingFrom(openaiClient(env, fetch), (openai) => openai.embedding(modelId));
    case "google":
      return embeddingFrom(googleClient(env, fetch), (google) => google.embedding(modelId));
    case "bedrock":
      return embeddingFrom(bedrockClient(env, fetch), (bedrock) => bedrock.embedding(modelId));
  }
}
