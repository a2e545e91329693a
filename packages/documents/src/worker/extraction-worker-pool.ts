import { Worker } from "node:worker_threads";
import { DocumentError, type DocumentErrorCode } from "../errors.ts";
import type { Chunk, ChunkOptions, ExtractedDocument, ExtractOptions } from "../types.ts";

/** An uploaded file's text and its retrieval chunks, as `extractDocument` then `chunkDocument` give them. */
export interface ExtractedAndChunked {
  extracted: ExtractedDocument;
  chunks: Chunk[];
}

type Reply =
  | ({ id: number } & ExtractedAndChunked)
  | { id: number; error: { code?: DocumentErrorCode; message: string } };

interface Job {
  message: { bytes: Uint8Array; options: ExtractOptions; chunkOptions: ChunkOptions };
  resolve(result: ExtractedAndChunked): void;
  reject(error: Error): void;
}

interface Slot {
  thread: Worker;
  job: Job | undefined;
  id: number;
}

export interface ExtractionWorkerPoolOptions {
  /**
   * Files waiting for a worker before `extract` makes its callers wait for room (default 4 per
   * worker): an upload burst slows its producers instead of holding every file's bytes at once.
   */
  maxQueued?: number;
}

/**
 * Worker threads that extract and chunk uploaded files (pdf.js, marked, htmlparser2, csv-parse: up to
 * half a second of CPU for a 4 MB file, docs/benchmarks.md), one file per worker at a time from a
 * shared queue, so the thread that serves database and network I/O never parses a file. Workers start
 * on the first file, not before (each loads the parsers once), and are unreferenced while idle, so an
 * idle pool never keeps the process alive.
 */
export class ExtractionWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly waitingForRoom: (() => void)[] = [];
  private readonly maxQueued: number;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    readonly size: number,
    options: ExtractionWorkerPoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`ExtractionWorkerPool: size must be ≥ 1, got ${size}`);
    this.maxQueued = options.maxQueued ?? 4 * size;
  }

  /** Files not yet taken by a worker. */
  get queued() {
    return this.queue.length;
  }

  /** The first failure (a worker that could not start or crashed); the pool refuses work after it. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** `extractDocument` then `chunkDocument` in a worker; throws the same `DocumentError`s. */
  async extract(
    bytes: Uint8Array,
    options: ExtractOptions,
    chunkOptions: ChunkOptions = {},
  ): Promise<ExtractedAndChunked> {
    this.refuseIfFailed();
    while (this.queue.length >= this.maxQueued)
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    this.refuseIfFailed(); // it may have failed while this call waited for room
    return await new Promise<ExtractedAndChunked>((resolve, reject) => {
      // The bytes are copied to the worker (structured clone), never transferred: the caller keeps them.
      this.queue.push({ message: { bytes, options, chunkOptions }, resolve, reject });
      this.dispatch();
    });
  }

  async close() {
    this.fail(new Error("ExtractionWorkerPool is closed"));
    await Promise.all(this.slots.map((slot) => slot.thread.terminate()));
  }

  private refuseIfFailed() {
    if (this.failure) throw this.failure;
  }

  private startWorker(): Slot {
    const thread = new Worker(new URL("./extraction-worker.mjs", import.meta.url));
    const slot: Slot = { thread, job: undefined, id: -1 };
    thread.on("message", (reply: Reply) => this.settle(slot, reply));
    thread.on("error", (error) => this.fail(error));
    thread.on("exit", (code) => this.fail(new Error(`extraction worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** Hands queued files to idle workers, starting one while fewer than `size` run. */
  private dispatch() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === undefined);
      if (slot === undefined && this.slots.length < this.size) {
        try {
          slot = this.startWorker();
        } catch (error) {
          // A runtime without worker threads or without the worker file (a bundle): fail every caller.
          this.fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      if (slot === undefined) break;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.id = this.nextId++;
      // Referenced while it owes an answer, so that the process waits for it.
      slot.thread.ref();
      slot.thread.postMessage({ id: slot.id, ...job.message });
    }
    while (this.waitingForRoom.length > 0 && this.queue.length < this.maxQueued)
      this.waitingForRoom.shift()!();
  }

  private settle(slot: Slot, reply: Reply) {
    const job = slot.job;
    if (job === undefined || reply.id !== slot.id) return;
    slot.job = undefined;
    slot.thread.unref();
    if (!("error" in reply)) job.resolve({ extracted: reply.extracted, chunks: reply.chunks });
    else if (reply.error.code) job.reject(new DocumentError(reply.error.code, reply.error.message));
    else job.reject(new Error(`extraction worker failed: ${reply.error.message}`));
    this.dispatch();
  }

  private fail(error: Error) {
    this.failure ??= error;
    const jobs = [...this.slots.flatMap((s) => (s.job ? [s.job] : [])), ...this.queue];
    for (const slot of this.slots) slot.job = undefined;
    this.queue.length = 0;
    for (const job of jobs) job.reject(this.failure);
    for (const wake of this.waitingForRoom.splice(0)) wake();
  }
}
