import type { EmbeddingModelV3 } from "@ai-sdk/provider";

/**
 * `model` with its `doEmbed` replaced, for wrappers that count or alter calls. The other members are
 * copied one by one rather than spread: a spread would drop the members a class-based model keeps
 * on its prototype.
 */
export function withDoEmbed(model: EmbeddingModelV3, doEmbed: EmbeddingModelV3["doEmbed"]): EmbeddingModelV3 {
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    maxEmbeddingsPerCall: model.maxEmbeddingsPerCall,
    supportsParallelCalls: model.supportsParallelCalls,
    doEmbed,
  };
}
