// Worker thread for ExtractionWorkerPool: extracts and chunks the files it is sent. Plain JavaScript so
// that Node starts it as it is; the package itself is TypeScript source, so tsx's loader reads it here
// (a runtime that runs this package from source has tsx already; without it the pool fails to start and
// extraction runs on the calling thread, with one warning).
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { extractDocument } = await import("../extract-document.ts");
const { chunkDocument } = await import("../chunk/chunk-document.ts");
const { isDocumentError } = await import("../errors.ts");

parentPort.on("message", async ({ id, bytes, options, chunkOptions }) => {
  try {
    const extracted = await extractDocument(bytes, options);
    parentPort.postMessage({ id, extracted, chunks: chunkDocument(extracted, chunkOptions) });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: isDocumentError(error)
        ? { code: error.code, message: error.message }
        : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    });
  }
});
