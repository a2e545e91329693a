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
