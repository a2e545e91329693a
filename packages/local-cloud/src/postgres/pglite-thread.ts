import { Worker } from "node:worker_threads";

/** Transaction status from the last ReadyForQuery: idle, in a transaction, in a failed transaction. */
export type TransactionStatus = "I" | "T" | "E";

/** What a batch of protocol messages left behind in the worker. */
export interface ExecResult {
  /** Set when the message ended a cycle (its output ended with ReadyForQuery). */
  status: TransactionStatus | undefined;
  /** The session's statement_timeout in ms as PGlite last reported it (0 = none). */
  timeoutMs: number;
}

/** The running message was stopped by `kill()` or the worker died: PGlite must be reopened. */
export class PgliteStoppedError extends Error {
  override readonly name = "PgliteStoppedError";
}

type WorkerReply =
  | { type: "ready" | "closed" }
  | { type: "data"; chunk: Uint8Array }
  | { type: "done"; chunk?: Uint8Array; status: TransactionStatus | undefined; timeoutMs: number }
  | { type: "failed"; message: string };

interface Pending {
  onData: (chunk: Buffer) => void;
  resolve: (result: ExecResult) => void;
  reject: (error: Error) => void;
}

const WORKER_URL = new URL("./pglite-worker.mjs", import.meta.url);

/**
 * One PGlite in a worker thread, fed one Postgres protocol message at a time. A message that never
 * ends cannot be interrupted inside PGlite (it has no signal handling in WASM), so `kill()` terminates
 * the thread and `open()` starts a new one on the same data folder; PostgreSQL's crash recovery
 * replays the WAL, so every committed transaction survives.
 */
export class PgliteThread {
  private worker: Worker | undefined;
  private pending: Pending | undefined;

  constructor(private readonly dataDir: string) {}

  /** Starts PGlite on the data folder; with `abortedTransaction` its session starts in a failed transaction. */
  async open(options: { abortedTransaction?: boolean } = {}): Promise<void> {
    const worker = new Worker(WORKER_URL, {
      workerData: { dataDir: this.dataDir, abortedTransaction: options.abortedTransaction === true },
    });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new Error(`PGlite worker exited with code ${code} while opening`));
      worker.once("error", reject);
      worker.once("exit", onExit);
      worker.once("message", (reply: WorkerReply) => {
        worker.off("error", reject);
        worker.off("exit", onExit);
        if (reply.type === "ready") resolve();
        else reject(new Error(`PGlite worker failed to open: ${JSON.stringify(reply)}`));
      });
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    worker.on("message", (reply: WorkerReply) => this.onReply(reply));
    worker.on("error", (error) =>
      this.fail(new PgliteStoppedError(`PGlite worker failed: ${error.message}`)),
    );
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.fail(new PgliteStoppedError(`PGlite worker exited with code ${code}`));
    });
    this.worker = worker;
  }

  /**
   * Runs protocol messages in order (`startup`: the StartupMessage alone); the output goes to
   * `onData`, in one piece for ordinary results.
   */
  exec(messages: Buffer[], startup: boolean, onData: (chunk: Buffer) => void): Promise<ExecResult> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new PgliteStoppedError("PGlite is not running"));
    if (this.pending) return Promise.reject(new Error("PGlite runs one message at a time"));
    return new Promise<ExecResult>((resolve, reject) => {
      this.pending = { onData, resolve, reject };
      worker.postMessage({ type: "exec", messages, startup });
    });
  }

  /** Terminates the thread at once, failing the running message with PgliteStoppedError. */
  async kill(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new PgliteStoppedError("PGlite was stopped"));
    await worker?.terminate();
  }

  /** Closes PGlite cleanly (a checkpoint, so the next open needs no recovery), then the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (this.pending) return this.kill();
    this.worker = undefined;
    await new Promise<void>((resolve) => {
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "closed" || reply.type === "failed") resolve();
      });
      worker.once("exit", () => resolve());
      worker.postMessage({ type: "close" });
    });
    await worker.terminate();
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending;
    if (!pending) return;
    if (reply.type === "data") {
      pending.onData(Buffer.from(reply.chunk.buffer, reply.chunk.byteOffset, reply.chunk.byteLength));
    } else if (reply.type === "done") {
      this.pending = undefined;
      if (reply.chunk)
        pending.onData(Buffer.from(reply.chunk.buffer, reply.chunk.byteOffset, reply.chunk.byteLength));
      pending.resolve({ status: reply.status, timeoutMs: reply.timeoutMs });
    } else if (reply.type === "failed") {
      // PGlite threw instead of answering in the protocol: its state is unknown, so it is reopened.
      this.fail(new PgliteStoppedError(`PGlite failed: ${reply.message}`));
    }
  }

  private fail(error: PgliteStoppedError): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
