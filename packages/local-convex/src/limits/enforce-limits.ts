import { AsyncLocalStorage } from "node:async_hooks";
import { getConvexSize, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { LIMITS, limitMessages } from "./limit-values.ts";
import { threadCpuMs } from "./thread-cpu.ts";

type SyncSyscall = (op: string, args: string) => string;
type AsyncSyscall = (op: string, args: string) => Promise<string>;

/** A top-level transaction as the patched convex-test exposes it; `local` holds our per-transaction state. */
export interface LimitTransaction {
  local: { clock?: { userMs: number; threadStartedAt: number } };
}

/** What the limits need from convex-test (provided by the engine adapter). */
export interface LimitTarget {
  wrapSyscalls(
    wrapSync: (op: string, args: string, next: SyncSyscall) => string,
    wrapAsync: (op: string, args: string, next: AsyncSyscall) => Promise<string>,
  ): void;
  /** Hooks around each transaction; nested ones (`ctx.runQuery`/`runMutation` inside one) included. */
  wrapTransactions(hooks: {
    afterBegin(isNested: boolean, tx: LimitTransaction | undefined): void;
    beforeCommit(isNested: boolean, tx: LimitTransaction | undefined): void;
    afterEnd?(isNested: boolean, tx: LimitTransaction | undefined): void;
    afterRollback(isNested: boolean, tx: LimitTransaction | undefined): void;
  }): void;
  /** Sets a hook around each `ctx.runQuery`/`runMutation`/`runAction` of an action. */
  wrapActionCalls(hook: (name: string, args: Value, run: () => Promise<unknown>) => Promise<unknown>): void;
  /** The top-level transaction the running code belongs to (none in an action). */
  currentTransaction(): LimitTransaction | undefined;
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
  // A query or mutation called from this one: its own database calls are this transaction's too.
  "1.0/runUdf",
]);

/**
 * The running action's deadline (set by the engine for client calls): once it has passed, the action's
 * calls into Convex fail with the timeout, so an action its caller already saw time out writes nothing
 * more. Node cannot stop the action's own code.
 */
export const actionDeadline = new AsyncLocalStorage<{ expired: boolean }>();

/** A deployment checks the arguments and the result of a function called with `ctx.run*` too. */
async function checkedCall(name: string, args: Value, call: () => Promise<Value>): Promise<Value> {
  const argsSize = getConvexSize(args);
  if (argsSize > LIMITS.argsBytes) throw new Error(limitMessages.argsBytes(name, argsSize));
  const result = await call();
  const resultSize = getConvexSize(result ?? null);
  if (resultSize > LIMITS.resultBytes) throw new Error(limitMessages.resultBytes(name, resultSize));
  return result;
}

/** The same for a query's or mutation's `ctx.runQuery`/`runMutation` (the `1.0/runUdf` syscall). */
async function checkedRunUdf(json: string, next: AsyncSyscall): Promise<string> {
  const call = JSON.parse(json) as { name?: string; args?: JSONValue };
  let result = "";
  await checkedCall(call.name ?? "function", jsonToConvex(call.args ?? {}), async () => {
    result = await next("1.0/runUdf", json);
    return jsonToConvex(JSON.parse(result) as JSONValue);
  });
  return result;
}

/**
 * Enforces what convex-test's counters do not: user-code time of queries and mutations, the size
 * and nesting of each written document, and argument and result sizes of `ctx.run*` calls. User time
 * is CPU time (a loaded machine does not turn a fast function into a timeout) spent in the
 * transaction's own code, outside database calls, as a deployment separates user time from system
 * time. Transactions run concurrently, so CPU time is handed out at hook points (begin, each database
 * call's start and end, commit): the time since the previous hook point goes to the transaction whose
 * database call or commit ends it, and time ending in a database call's return is system time. It is
 * checked at every database call and at the end (a deployment interrupts the isolate; Node cannot
 * interrupt synchronous code, so a loop without database calls fails when it ends).
 */
export function installLimits(target: LimitTarget): void {
  const ledger = new CpuLedger();
  const timeout = () => new Error(limitMessages.timeout(LIMITS.transactionMs));
  // The ledger counts the whole process's CPU, worker threads (the embedder pool) and libuv's pool
  // (scrypt) included, which on two busy cores timed out a sign-in's small mutation. So a transaction
  // late on the ledger must also be late on its own thread: this thread's CPU time since the transaction
  // began (read from /proc: too slow for every call, fine for the rare late case) bounds its user time.
  const late = (tx: LimitTransaction | undefined) => {
    const clock = tx?.local.clock;
    if (clock === undefined || clock.userMs <= LIMITS.transactionMs) return false;
    return threadCpuMs() - clock.threadStartedAt > LIMITS.transactionMs;
  };

  target.wrapTransactions({
    afterBegin(isNested, tx) {
      if (isNested || tx === undefined) return;
      ledger.mark(undefined);
      tx.local.clock = { userMs: 0, threadStartedAt: threadCpuMs() };
    },
    beforeCommit(isNested, tx) {
      if (isNested) return;
      ledger.mark(tx);
      if (late(tx)) throw timeout();
    },
    afterRollback(isNested, tx) {
      if (isNested) return;
      ledger.mark(tx);
      // A query ends with a rollback: a late one fails like a late mutation.
      if (late(tx)) throw timeout();
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
  /** Starts a database call: the user code that led here is the running transaction's. */
  const enter = (op: string): LimitTransaction | undefined => {
    const tx = DATABASE_CALLS.has(op) ? target.currentTransaction() : undefined;
    ledger.mark(tx);
    if (late(tx)) throw timeout();
    return tx;
  };

  target.wrapActionCalls(async (name, args, run) => {
    if (actionDeadline.getStore()?.expired) throw new Error(limitMessages.timeout(LIMITS.actionMs));
    return await checkedCall(name, args, run as () => Promise<Value>);
  });

  target.wrapSyscalls(
    (op, json, next) => {
      enter(op);
      try {
        return next(op, json);
      } catch (error) {
        throw deploymentError(error);
      } finally {
        ledger.mark(undefined);
      }
    },
    async (op, json, next) => {
      const tx = enter(op);
      if (
        tx === undefined &&
        target.currentTransaction() === undefined &&
        actionDeadline.getStore()?.expired
      ) {
        throw new Error(limitMessages.timeout(LIMITS.actionMs));
      }
      try {
        if (op === "1.0/runUdf") return await checkedRunUdf(json, next);
        const result = await next(op, json);
        if (tx !== undefined && WRITES.has(op)) checkWrite(op, json, result);
        return result;
      } catch (error) {
        throw deploymentError(error);
      } finally {
        ledger.mark(undefined);
      }
    },
  );
}

/** CPU time of this process in ms: unlike wall-clock time, it does not grow when a loaded machine deschedules us. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Hands the process's CPU time out to transactions, interval by interval (see `installLimits`). */
class CpuLedger {
  private last = cpuNow();

  mark(tx: LimitTransaction | undefined): void {
    const now = cpuNow();
    if (tx?.local.clock !== undefined) tx.local.clock.userMs += now - this.last;
    this.last = now;
  }
}
