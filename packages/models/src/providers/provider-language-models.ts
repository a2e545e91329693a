import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { LanguageProvider, ModelsEnv } from "../env.ts";
import { providerModel, type FetchFunction, type ModelResult } from "./provider-clients.ts";

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
): ModelResult<LanguageModelV3> {
  return providerModel(provider, env, fetch, {
    openai: (openai) => (env.OPENAI_BASE_URL ? openai.chat(modelId) : openai.responses(modelId)),
    anthropic: (anthropic) => anthropic.messages(modelId),
    google: (google) => google.languageModel(modelId),
    bedrock: (bedrock) => bedrock.languageModel(modelId),
  });
}
