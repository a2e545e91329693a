import { createAmazonBedrock, type AmazonBedrockProvider } from "@ai-sdk/amazon-bedrock";
import { createAnthropic, type AnthropicProvider } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI, type GoogleGenerativeAIProvider } from "@ai-sdk/google";
import { createOpenAI, type OpenAIProvider } from "@ai-sdk/openai";
import type { ModelsEnv } from "../env.ts";

export type FetchFunction = typeof globalThis.fetch;

/** A provider client, or the variables it still needs. */
type ClientResult<T> = { kind: "ready"; client: T } | { kind: "missing-credentials"; missing: string };

/** A provider's model (language or embedding), or the variables its client still needs. */
export type ModelResult<M> = { kind: "ready"; model: M } | { kind: "missing-credentials"; missing: string };

/** Each provider's AI SDK client. */
interface ProviderClients {
  openai: OpenAIProvider;
  anthropic: AnthropicProvider;
  google: GoogleGenerativeAIProvider;
  bedrock: AmazonBedrockProvider;
}

/** How a model is made from each provider's client (for the providers that offer that kind). */
export type ModelBuilders<P extends keyof ProviderClients, M> = {
  [K in P]: (client: ProviderClients[K]) => M;
};

/**
 * The model `build` makes from `provider`'s client, the client built from the validated environment;
 * a client that misses variables passes that on. No network.
 */
export function providerModel<P extends keyof ProviderClients, M>(
  provider: P,
  env: ModelsEnv,
  fetch: FetchFunction | undefined,
  build: ModelBuilders<P, M>,
): ModelResult<M> {
  const result = CLIENTS[provider](env, fetch);
  return result.kind === "ready" ? { kind: "ready", model: build[provider](result.client) } : result;
}

/** A mapped type, so that `CLIENTS[provider]` yields that provider's own client type, not a union. */
type ClientFactories = {
  [K in keyof ProviderClients]: (env: ModelsEnv, fetch?: FetchFunction) => ClientResult<ProviderClients[K]>;
};

/*
 * The clients are built from the validated environment only (never from process.env directly), so
 * that what was checked is what is used. Nothing here touches the network.
 */

function openaiClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<OpenAIProvider> {
  if (!env.OPENAI_API_KEY) return { kind: "missing-credentials", missing: "OPENAI_API_KEY" };
  return {
    kind: "ready",
    client: createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, fetch }),
  };
}

function anthropicClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<AnthropicProvider> {
  if (!env.ANTHROPIC_API_KEY) return { kind: "missing-credentials", missing: "ANTHROPIC_API_KEY" };
  return {
    kind: "ready",
    client: createAnthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, fetch }),
  };
}

function googleClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<GoogleGenerativeAIProvider> {
  if (!env.GOOGLE_GENERATIVE_AI_API_KEY)
    return { kind: "missing-credentials", missing: "GOOGLE_GENERATIVE_AI_API_KEY" };
  return {
    kind: "ready",
    client: createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, fetch }),
  };
}

function bedrockClient(env: ModelsEnv, fetch?: FetchFunction): ClientResult<AmazonBedrockProvider> {
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

const CLIENTS: ClientFactories = {
  openai: openaiClient,
  anthropic: anthropicClient,
  google: googleClient,
  bedrock: bedrockClient,
};
