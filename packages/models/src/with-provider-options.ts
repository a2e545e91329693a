import type { EmbeddingModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { withDoEmbed } from "./with-do-embed.ts";

/**
 * Sends fixed provider options (e.g. `{ openai: { dimensions: 512 } }`) with every call. They win over
 * per-call options: the vector size is part of the entry's id and must not change call by call.
 */
export function withProviderOptions(
  model: EmbeddingModelV3,
  fixed: SharedV3ProviderOptions,
): EmbeddingModelV3 {
  return withDoEmbed(model, (options) => {
    const merged: SharedV3ProviderOptions = { ...options.providerOptions };
    for (const [provider, values] of Object.entries(fixed))
      merged[provider] = { ...merged[provider], ...values };
    return model.doEmbed({ ...options, providerOptions: merged });
  });
}
