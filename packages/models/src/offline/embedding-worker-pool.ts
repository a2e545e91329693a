import { Worker } from "node:worker_threads";

type Reply = { id: number; embeddings: number[][] } | { id: number; error: string };

interface Job {
  texts: string[];
  resolve(embeddings: number[][]): void;
  reject(error: Error): void;
}

/** A worker thread and the jobs of the batch it is running; `id` matches the reply to the batch. */
interface Slot {
  thread: Worker;
  jobs: Job[];
  id: number;
}

export interface EmbeddingWorkerPoolOptions {
  /**
   * Jobs waiting for a worker before `embed` makes its callers wait for room (default 64 per worker):
   * a burst (an ingestion run, a crowd of questions) slows its producers instead of piling batches up.
   */
  maxQueued?: number;
  /** Jobs of at most this many texts (a question's embedding) go ahead of larger batches (default 4). */
  smallJob?: number;
  /**
   * Small jobs waiting together are sent as one batch of up to this many texts (default 16): the
   * model costs ~11 ms of CPU per query at batch 1 and ~3 ms at batch 16 (docs/benchmarks.md, models).
   */
  batchTexts?: number;
}

/**
 * Worker threads that each hold a copy of the model (~60–95 MB each) and take one job at a time from a
 * shared queue, so the thread that serves database and network I/O never runs an inference. A batch is
 * cut into one slice per worker; a small job (a question) waits only for the next free worker, never
 * behind an ingestion batch, and questions waiting together are embedded as one batch. Workers are unreferenced while idle, so an idle pool never keeps the
 * process alive.
 */
export class EmbeddingWorkerPool {
  private readonly workers: Slot[];
  private readonly small: Job[] = [];
  private readonly large: Job[] = [];
  private readonly waitingForRoom: (() => void)[] = [];
  private readonly maxQueued: number;
  private readonly smallJob: number;
  private readonly batchTexts: number;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, options: EmbeddingWorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`EmbeddingWorkerPool: size must be ≥ 1, got ${size}`);
    this.maxQueued = options.maxQueued ?? 64 * size;
    this.smallJob = options.smallJob ?? 4;
    this.batchTexts = options.batchTexts ?? 16;
    this.workers = Array.from({ length: size }, () => {
      const thread = new Worker(new URL("./embedding-worker.mjs", import.meta.url));
      thread.unref();
      const slot: Slot = { thread, jobs: [], id: -1 };
      thread.on("message", (reply: Reply) => this.settle(slot, reply));
      thread.on("error", (error) => this.fail(error));
      thread.on("exit", (code) => this.fail(new Error(`embedding worker exited with code ${code}`)));
      return slot;
    });
  }

  get size() {
    return this.workers.length;
  }

  /** Jobs not yet taken by a worker. */
  get queued() {
    return this.small.length + this.large.length;
  }

  /** The first failure (a worker that could not start or crashed); the pool refuses work after it. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Cuts `texts` into one contiguous slice per worker (by characters) and returns vectors in order. */
  async embed(texts: readonly string[]): Promise<number[][]> {
    this.refuseIfFailed();
    const slices = splitByLength(texts, Math.min(this.workers.length, texts.length)).filter((s) => s.length);
    while (this.queued + slices.length > this.maxQueued && this.queued > 0)
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    this.refuseIfFailed(); // it may have failed while this call waited for room
    const results = await Promise.all(slices.map((slice) => this.enqueue(slice)));
    return results.flat();
  }

  private refuseIfFailed() {
    if (this.failure) throw this.failure;
  }

  async close() {
    this.fail(new Error("EmbeddingWorkerPool is closed"));
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }

  private enqueue(texts: string[]): Promise<number[][]> {
    return new Promise<number[][]>((resolve, reject) => {
      (texts.length <= this.smallJob ? this.small : this.large).push({ texts, resolve, reject });
      this.dispatch();
    });
  }

  /** The next batch: the small jobs waiting, up to `batchTexts` texts, else one large job. */
  private nextBatch(): Job[] {
    const batch: Job[] = [];
    let texts = 0;
    while (
      this.small.length > 0 &&
      (batch.length === 0 || texts + this.small[0]!.texts.length <= this.batchTexts)
    ) {
      const job = this.small.shift()!;
      batch.push(job);
      texts += job.texts.length;
    }
    if (batch.length > 0) return batch;
    const large = this.large.shift();
    return large === undefined ? [] : [large];
  }

  /** Hands queued jobs to idle workers, small jobs first. */
  private dispatch() {
    for (const slot of this.workers) {
      if (slot.jobs.length > 0) continue;
      const jobs = this.nextBatch();
      if (jobs.length === 0) break;
      slot.jobs = jobs;
      slot.id = this.nextId++;
      // Referenced while it owes an answer, so that the process waits for it.
      slot.thread.ref();
      slot.thread.postMessage({ id: slot.id, texts: jobs.flatMap((job) => job.texts) });
    }
    while (this.waitingForRoom.length > 0 && this.queued < this.maxQueued) this.waitingForRoom.shift()!();
  }

  private settle(slot: Slot, reply: Reply) {
    const jobs = slot.jobs;
    if (jobs.length === 0 || reply.id !== slot.id) return;
    slot.jobs = [];
    slot.thread.unref();
    let from = 0;
    for (const job of jobs) {
      if ("error" in reply) job.reject(new Error(`embedding worker failed: ${reply.error}`));
      else job.resolve(reply.embeddings.slice(from, (from += job.texts.length)));
    }
    this.dispatch();
  }

  private fail(error: Error) {
    this.failure ??= error;
    const jobs = [...this.workers.flatMap((w) => w.jobs), ...this.small, ...this.large];
    for (const w of this.workers) w.jobs = [];
    this.small.length = 0;
    this.large.length = 0;
    for (const job of jobs) job.reject(this.failure);
    for (const wake of this.waitingForRoom.splice(0)) wake();
  }
}

/** Cuts `texts` into `parts` contiguous slices of about the same number of characters. */
export function splitByLength(texts: readonly string[], parts: number): string[][] {
  const total = texts.reduce((sum, t) => sum + t.length, 0);
  const slices: string[][] = Array.from({ length: Math.max(1, parts) }, () => []);
  let seen = 0;
  for (const text of texts) {
    const index = Math.min(slices.length - 1, Math.floor((seen / Math.max(total, 1)) * slices.length));
    slices[index]!.push(text);
    seen += text.length;
  }
  return slices;
}
