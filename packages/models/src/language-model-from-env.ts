import type { LanguageModelV3 } from "@ai-sdk/provider";
import { readModelsEnv } from "./env.ts";
import {
  OFFLINE_LANGUAGE_MODEL_ID,
  offlineLanguageModel,
} from "./offline-language-model/offline-language-model.ts";
import type { FetchFunction } from "./providers/provider-clients.ts";
import { providerLanguageModel } from "./providers/provider-language-models.ts";
import { warnOnce } from "./warn-once.ts";

/** The language model the support agent runs on. */
export interface LanguageModelEntry {
  /** `offline/support-rules-v1`, or what `LANGUAGE_MODEL` named (`openai/gpt-4.1-mini`). */
  id: string;
  model: LanguageModelV3;
  /** True for the offline deterministic model: no SQL writing, replies composed by rules. */
  offline: boolean;
}

export interface LanguageModelFromEnvOptions {
  /** Where the fallback warning goes (default `console.warn`); each distinct warning is given once. */
  warn?: (message: string) => void;
  /** Passed to the provider SDK (tests, proxies). */
  fetch?: FetchFunction;
}

/**
 * The language model `LANGUAGE_MODEL` names: `offline` (default), `openai/…`, `anthropic/…`,
 * `google/…` or `bedrock/…`. A provider whose credentials are missing gives one warning and the
 * offline model; an invalid value throws, naming the variable.
 */
export function languageModelFromEnv(
  source: Record<string, string | undefined> = process.env,
  options: LanguageModelFromEnvOptions = {},
): LanguageModelEntry {
  const env = readModelsEnv(source);
  const spec = env.LANGUAGE_MODEL;
  const offline = (): LanguageModelEntry => ({
    id: OFFLINE_LANGUAGE_MODEL_ID,
    model: offlineLanguageModel(),
    offline: true,
  });
  if (spec.kind === "offline") return offline();
  const { provider, modelId } = spec;
  const created = providerLanguageModel(provider, modelId, env, options.fetch);
  if (created.kind === "missing-credentials") {
    warnOnce(
      options.warn ?? console.warn,
      `LANGUAGE_MODEL=${provider}/${modelId} needs ${created.missing}, which is not set; ` +
        `using the offline model instead (${OFFLINE_LANGUAGE_MODEL_ID}).`,
    );
    return offline();
  }
  return { id: `${provider}/${modelId}`, model: created.model, offline: false };
}
