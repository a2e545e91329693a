import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbeddingProvider, ModelsEnv } from "../env.ts";

export type FetchFunction = typeof globalThis.fetch;

/** A provider's embedding model, or the variables it still needs. */
export type ProviderModelResult =
  { kind: "ready"; model: EmbeddingModelV3 } | { kind: "missing-credentials"; missing: string };

/**
 * Builds the AI SDK model from the validated environment only (never from process.env directly), so
 * that what was checked is what is used. Nothing here touches the network.
 */
export function providerEmbeddingModel(
  provider: EmbeddingProvider,
  modelId: string,
  env: ModelsEnv,
  fetch?: FetchFunction,
): ProviderModelResult {
  switch (provider) {
    case "openai": {
      if (!env.OPENAI_API_KEY) return { kind: "missing-credentials", missing: "OPENAI_API_KEY" };
      const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, fetch });
      return { kind: "ready", model: openai.embedding(modelId) };
    }
    case "google": {
      if (!env.GOOGLE_GENERATIVE_AI_API_KEY)
        return { kind: "missing-credentials", missing: "GOOGLE_GENERATIVE_AI_API_KEY" };
      const google = createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, fetch });
      return { kind: "ready", model: google.embedding(modelId) };
    }
    case "bedrock": {
      const region = env.AWS_REGION;
      const bearer = env.AWS_BEARER_TOKEN_BEDROCK;
      const keyPair = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
      if (!region || !(bearer || keyPair))
        return {
          kind: "missing-credentials",
          missing: [
            region ? undefined : "AWS_REGION",
            bearer || keyPair
              ? undefined
              : "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK)",
          ]
            .filter(Boolean)
            .join(" and "),
        };
      const bedrock = bearer
        ? createAmazonBedrock({ region, apiKey: bearer, fetch })
        : createAmazonBedrock({
            region,
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            sessionToken: env.AWS_SESSION_TOKEN,
            fetch,
          });
      return { kind: "ready", model: bedrock.embedding(modelId) };
    }
  }
}
