import { createAmazonBedrock, type AmazonBedrockProvider } from "@ai-sdk/amazon-bedrock";
import { createAnthropic, type AnthropicProvider } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI, type GoogleGenerativeAIProvider } from "@ai-sdk/google";
import { createOpenAI, type OpenAIProvider } from "@ai-sdk/openai";
import type { ModelsEnv } from "../env.ts";

export type FetchFunction = typeof globalThis.fetch;

/** A provider client, or the variables it still needs. */
export type ClientResult<T> = { kind: "ready"; client: T } | { kind: "missing-credentials"; missing: string };

/*
 * The clients are built from the validated environment only (never from process.env directly), so
 * that what was checked is what is used. Nothing here touches the network.
 */

export function openaiClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<OpenAIProvider> {
  if (!env.OPENAI_API_KEY) return { kind: "missing-credentials", missing: "OPENAI_API_KEY" };
  return {
    kind: "ready",
    client: createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, fetch }),
  };
}

export function anthropicClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<AnthropicProvider> {
  if (!env.ANTHROPIC_API_KEY) return { kind: "missing-credentials", missing: "ANTHROPIC_API_KEY" };
  return {
    kind: "ready",
    client: createAnthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, fetch }),
  };
}

export function googleClient(
  env: ModelsEnv,
  fetch?: FetchFunction,
): ClientResult<GoogleGenerativeAIProvider> {
  if (!env.GOOGLE_GENERATIVE_AI_API_KEY)
    return { kind: "missing-credentials", missing: "GOOGLE_GENERATIVE_AI_API_KEY" };
  return {
    kind: "ready",
    client: createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, fetch }),
  };
}

export function bedrockClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<AmazonBedrockProvider> {
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
  const client = bearer
    ? createAmazonBedrock({ region, apiKey: bearer, fetch })
    : createAmazonBedrock({
        region,
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        sessionToken: env.AWS_SESSION_TOKEN,
        fetch,
      });
  return { kind: "ready", client };
}
