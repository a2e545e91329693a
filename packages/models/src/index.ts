export {
  RAG_DIMENSIONS,
  isRagDimension,
  embeddingModelId,
  type RagDimension,
  type EmbeddingModelId,
  type EmbeddingModelEntry,
} from "./embedding-model-entry.ts";
export { countEmbeddingCalls, type EmbeddingCallStats } from "./call-stats.ts";
export { testEmbeddingModel, type TestEmbeddingModelOptions } from "./test-embedder/test-embedding-model.ts";
export {
  offlineEmbeddingModel,
  closeOfflineEmbeddingWorkers,
  OFFLINE_MODEL_ID,
  type OfflineEmbeddingModelOptions,
} from "./offline/offline-embedding-model.ts";
export { loadUniversalSentenceEncoder } from "./offline/universal-sentence-encoder.ts";
export { embeddingModelFromEnv, type EmbeddingModelFromEnvOptions } from "./embedding-model-from-env.ts";
export {
  readModelsEnv,
  EMBEDDING_PROVIDERS,
  LANGUAGE_PROVIDERS,
  type ModelsEnv,
  type LanguageProvider,
  type LanguageModelSpec,
  type EmbeddingProvider,
  type EmbeddingModelSpec,
} from "./env.ts";
export { KNOWN_EMBEDDING_MODELS, type KnownEmbeddingModel } from "./providers/known-models.ts";
export { withProviderOptions } from "./with-provider-options.ts";
export * from "./language.ts";
