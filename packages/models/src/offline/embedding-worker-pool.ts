import { Worker } from "node:worker_threads";

interface Pending {
  resolve(embeddings: number[][]): void;
  reject(error: Error): void;
}
type Reply = { id: number; embeddings: number[][] } | { id: number; error: string };

/**
 * Worker threads that each hold a copy of the model (~150 MB each) and embed a slice of every batch.
 * Whether this is worth it depends on free cores; see docs/benchmarks.md. Workers are unreferenced
 * while idle, so an idle pool never keeps the process alive.
 */
export class EmbeddingWorkerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight: number[];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`EmbeddingWorkerPool: size must be ≥ 1, got ${size}`);
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL("./embedding-worker.mjs", import.meta.url));
      worker.unref();
      worker.on("message", (reply: Reply) => this.settle(reply));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => this.fail(new Error(`embedding worker exited with code ${code}`)));
      return worker;
    });
    this.inFlight = this.workers.map(() => 0);
  }

  get size() {
    return this.workers.length;
  }

  /** Splits `texts` into one contiguous slice per worker (by characters) and returns vectors in order. */
  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.failure) throw this.failure;
    const slices = splitByLength(texts, this.workers.length);
    const results = await Promise.all(
      slices.map((slice, i) => (slice.length ? this.send(i, slice) : Promise.resolve([]))),
    );
    return results.flat();
  }

  async close() {
    this.failure ??= new Error("EmbeddingWorkerPool is closed");
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(index: number, texts: string[]): Promise<number[][]> {
    const worker = this.workers[index]!;
    const id = this.nextId++;
    // Referenced while it owes an answer, so that the process waits for it.
    if (this.inFlight[index]!++ === 0) worker.ref();
    const done = () => {
      if (--this.inFlight[index]! === 0) worker.unref();
    };
    return new Promise<number[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    }).finally(done);
  }

  private settle(reply: Reply) {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if ("error" in reply) pending.reject(new Error(`embedding worker failed: ${reply.error}`));
    else pending.resolve(reply.embeddings);
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** Cuts `texts` into `parts` contiguous slices of about the same number of characters. */
export function splitByLength(texts: readonly string[], parts: number): string[][] {
  const total = texts.reduce((sum, t) => sum + t.length, 0);
  const slices: string[][] = Array.from({ length: parts }, () => []);
  let seen = 0;
  for (const text of texts) {
    const index = Math.min(parts - 1, Math.floor((seen / Math.max(total, 1)) * parts));
    slices[index]!.push(text);
    seen += text.length;
  }
  return slices;
}
