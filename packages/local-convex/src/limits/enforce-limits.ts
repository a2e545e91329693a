import { getConvexSize, type Value } from "convex/values";
import { LIMITS, limitMessages } from "./limit-values.ts";
import { threadCpuMs } from "./thread-cpu.ts";

type SyncSyscall = (op: string, args: string) => string;
type AsyncSyscall = (op: string, args: string) => Promise<string>;

/** What the limits need from convex-test (provided by the engine adapter). */
export interface LimitTarget {
  wrapSyscalls(
    wrapSync: (op: string, args: string, next: SyncSyscall) => string,
    wrapAsync: (op: string, args: string, next: AsyncSyscall) => Promise<string>,
  ): void;
  /** Hooks around each transaction; nested ones (`ctx.runQuery`/`runMutation` inside one) included. */
  wrapTransactions(hooks: {
    afterBegin(isNested: boolean): void;
    beforeCommit(isNested: boolean): void;
    afterRollback(isNested: boolean): void;
  }): void;
  /** A document as the current transaction sees it (pending writes included), in the running component. */
  pendingDocument(table: string, id: string): Record<string, Value> | null;
}

/**
 * convex-test's own transaction counters (enabled with `transactionLimits`) throw with texts of their own;
 * a deployment's are different. Keyed by the start of convex-test's message.
 */
const TRACKER_MESSAGES: [string, () => string][] = [
  ["Read too much data", limitMessages.bytesRead],
  ["Scanned too many documents", limitMessages.documentsRead],
  ["Wrote too much data", limitMessages.bytesWritten],
  ["Wrote too many documents", limitMessages.documentsWritten],
  ["Too many index ranges read", limitMessages.indexRanges],
  ["Scheduled too many functions", limitMessages.functionsScheduled],
  ["Scheduled function arguments too large", limitMessages.scheduledArgsBytes],
];

/** The `transactionLimits` option for convex-test: the deployment's values. */
export const CONVEX_TEST_TRANSACTION_LIMITS = {
  bytesRead: LIMITS.bytesRead,
  documentsRead: LIMITS.documentsRead,
  databaseQueries: LIMITS.indexRanges,
  bytesWritten: LIMITS.bytesWritten,
  documentsWritten: LIMITS.documentsWritten,
  functionsScheduled: LIMITS.functionsScheduled,
  scheduledFunctionArgsBytes: LIMITS.scheduledArgsBytes,
};

function deploymentError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const match = TRACKER_MESSAGES.find(([prefix]) => error.message.startsWith(prefix));
  return match === undefined ? error : new Error(match[1]());
}

/** Nesting as the backend counts it: scalars 0, an object or array one more than its deepest value. */
export function nestingOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(nestingOf));
  if (value !== null && typeof value === "object" && !(value instanceof ArrayBuffer)) {
    return 1 + Math.max(0, ...Object.values(value).map(nestingOf));
  }
  return 0;
}

const WRITES = new Set(["1.0/insert", "1.0/shallowMerge", "1.0/replace"]);
const DATABASE_CALLS = new Set([
  ...WRITES,
  "1.0/get",
  "1.0/queryStream",
  "1.0/queryStreamNext",
  "1.0/queryPage",
  "1.0/remove",
  "1.0/count",
  "1.0/schedule",
]);

/**
 * Enforces what convex-test's counters do not: user-code time of queries and mutations, and the size
 * and nesting of each written document. User time is the CPU time this process spends on the
 * transaction (from the moment it holds the engine's lock) outside database calls, as a deployment
 * separates user time from system time; CPU rather than wall-clock time, so a loaded machine does not
 * turn a fast function into a timeout. It is checked at every database call and at the end (a
 * deployment interrupts the isolate; Node cannot interrupt synchronous code, so a loop without
 * database calls fails when it ends).
 */
export function installLimits(target: LimitTarget): void {
  const clock = new TransactionClock();
  const timeout = () => new Error(limitMessages.timeout(LIMITS.transactionMs));

  target.wrapTransactions({
    afterBegin(isNested) {
      if (!isNested) clock.start();
    },
    beforeCommit(isNested) {
      if (!isNested && clock.isLate()) throw timeout();
    },
    afterRollback(isNested) {
      if (isNested) return;
      const late = clock.isLate();
      clock.stop();
      // A query ends with a rollback: a late one fails like a late mutation.
      if (late) throw timeout();
    },
  });

  const checkWrite = (op: string, json: string, result: string) => {
    const args = JSON.parse(json) as { table?: string; id?: string };
    const id = op === "1.0/insert" ? (JSON.parse(result) as { _id: string })._id : args.id;
    if (args.table === undefined || id === undefined) return;
    const doc = target.pendingDocument(args.table, id);
    if (doc === null) return;
    const size = getConvexSize(doc);
    if (size > LIMITS.documentBytes) throw new Error(limitMessages.documentBytes(size));
    const nesting = nestingOf(doc);
    if (nesting > LIMITS.documentNesting) throw new Error(limitMessages.documentNesting(nesting));
  };
  // Database calls only: an action's calls may run while another function's transaction holds the lock.
  const inTransaction = (op: string) => DATABASE_CALLS.has(op);

  target.wrapSyscalls(
    (op, json, next) => {
      if (!inTransaction(op)) return next(op, json);
      if (clock.isLate()) throw timeout();
      clock.enterSystem();
      try {
        return next(op, json);
      } catch (error) {
        throw deploymentError(error);
      } finally {
        clock.leaveSystem();
      }
    },
    async (op, json, next) => {
      if (!inTransaction(op)) return next(op, json);
      if (clock.isLate()) throw timeout();
      clock.enterSystem();
      try {
        const result = await next(op, json);
        if (WRITES.has(op)) checkWrite(op, json, result);
        return result;
      } catch (error) {
        throw deploymentError(error);
      } finally {
        clock.leaveSystem();
      }
    },
  );
}

/**
 * The running transaction's user time. One top-level transaction runs at a time (convex-test's lock),
 * so one clock suffices; concurrent database calls (`Promise.all`) count once.
 *
 * User time is the process's CPU time outside database calls: cheap to read at every call, but it also
 * counts worker threads (the embedder pool) and libuv's pool (scrypt), which on two busy cores turned a
 * sign-in's small mutation into a timeout. So a transaction that looks late on the process clock is
 * judged on its own thread's clock (read from /proc, too slow to read at every call).
 */
class TransactionClock {
  private startedAt: number | null = null;
  private threadStartedAt = 0;
  private systemMs = 0;
  private pending = 0;
  private systemSince = 0;

  start(): void {
    this.startedAt = processCpuMs();
    this.threadStartedAt = threadCpuMs();
    this.systemMs = 0;
    this.pending = 0;
  }

  stop(): void {
    this.startedAt = null;
  }

  enterSystem(): void {
    if (this.pending++ === 0) this.systemSince = processCpuMs();
  }

  leaveSystem(): void {
    if (--this.pending === 0) this.systemMs += processCpuMs() - this.systemSince;
  }

  isLate(): boolean {
    if (this.startedAt === null) return false;
    const now = processCpuMs();
    const inSystem = this.pending > 0 ? now - this.systemSince : 0;
    const systemMs = this.systemMs + inSystem;
    if (now - this.startedAt - systemMs <= LIMITS.transactionMs) return false;
    // System time measured on the process clock is at least this thread's: the doubt goes to the function.
    return threadCpuMs() - this.threadStartedAt - systemMs > LIMITS.transactionMs;
  }
}

/** CPU time of this process in ms: unlike wall-clock time, it does not grow when a loaded machine deschedules us. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
