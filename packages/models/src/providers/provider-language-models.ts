import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { LanguageProvider, ModelsEnv } from "../env.ts";
import {
  anthropicClient,
  bedrockClient,
  googleClient,
  openaiClient,
  type ClientResult,
  type FetchFunction,
} from "./provider-clients.ts";

/** A provider's language model, or the variables it still needs. */
export type ProviderLanguageModelResult =
  { kind: "ready"; model: LanguageModelV3 } | { kind: "missing-credentials"; missing: string };

function languageFrom<T>(
  result: ClientResult<T>,
  language: (client: T) => LanguageModelV3,
): ProviderLanguageModelResult {
  return result.kind === "ready" ? { kind: "ready", model: language(result.client) } : result;
}

/**
 * The language model `provider/modelId`, built from the validated environment. No network.
 * OpenAI: the Responses API, except with `OPENAI_BASE_URL`, where Chat Completions is used because
 * that is what OpenAI-compatible servers implement. Bedrock: the Converse API.
 */
export function providerLanguageModel(
  provider: LanguageProvider,
  modelId: string,
  env: ModelsEnv,
  fetch?: FetchFunction,
): ProviderLanguageModelResult {
  switch (provider) {
    case "openai":
      return languageFrom(openaiClient(env, fetch), (openai) =>
        env.OPENAI_BASE_URL ? openai.chat(modelId) : openai.responses(modelId),
      );
    case "anthropic":
      return languageFrom(anthropicClient(env, fetch), (anthropic) => anthropic.messages(modelId));
    case "google":
      return languageFrom(googleClient(env, fetch), (google) => google.languageModel(modelId));
    case "bedrock":
      return languageFrom(bedrockClient(env, fetch), (bedrock) => bedrock.languageModel(modelId));
  }
}
