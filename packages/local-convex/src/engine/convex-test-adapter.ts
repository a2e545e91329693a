/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument */
// The one place that touches convex-test internals (exposed by patches/convex-test.patch). Everything
// else sees the typed `EngineCore` below.
import type { GenericSchema, SchemaDefinition, UserIdentity } from "convex/server";
import { convexTest } from "convex-test";
import { CONVEX_TEST_TRANSACTION_LIMITS, installLimits, type LimitTarget } from "../limits/enforce-limits.ts";
import {
  installOcc,
  OCC_RETRY,
  type ConflictInfo,
  type OccStats,
  type OccTarget,
  type OccTransaction,
} from "./occ.ts";
import { limitsMode } from "../limits/limit-values.ts";

export type ModuleMap = Record<string, () => Promise<any>>;

/** Documents and files of one component's database, as plain data. */
export interface DbState {
  documents: Record<string, Record<string, unknown>>;
  files: Record<string, Blob>;
  nextDocId: number;
  lastCreationTime: number;
}

/** A function path as convex-test addresses it. */
export interface FunctionPath {
  componentPath: string;
  udfPath: string;
}

/** The calls we make on a convex-test accessor, with or without an identity. */
export interface Accessor {
  queryFromPath(path: FunctionPath, args: Record<string, unknown>): Promise<unknown>;
  mutationFromPath(path: FunctionPath, args: Record<string, unknown>): Promise<unknown>;
  actionFromPath(path: FunctionPath, args: Record<string, unknown>): Promise<unknown>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  action(handler: (ctx: any) => Promise<unknown>): Promise<unknown>;
}

export interface EngineCore {
  accessor(identity: UserIdentity | null): Accessor;
  componentPaths(): string[];
  currentComponentPath(): string;
  /** Replaces `syscall` / `asyncSyscall` with wrappers (to record reads, rewrite URLs, ...). */
  wrapSyscalls(
    wrapSync: (op: string, args: string, next: (op: string, args: string) => string) => string,
    wrapAsync: (
      op: string,
      args: string,
      next: (op: string, args: string) => Promise<string>,
    ) => Promise<string>,
  ): void;
  /** Calls `listener` after each top-level commit with the ids written in each component. */
  onCommit(listener: (writes: Map<string, string[]>, commitTs: bigint) => void): void;
  lastCommitTs(): bigint;
  setLastCommitTs(ts: bigint): void;
  dbState(componentPath: string): DbState;
  setDbState(componentPath: string, state: DbState): void;
  rearmScheduledFunction(
    componentPath: string,
    jobId: string,
    udfPath: string,
    args: unknown,
    delayMs: number,
  ): void;
  /** Waits until no function is mid-transaction. */
  idle(): Promise<void>;
  /** Conflicts and retries per function (src/engine/occ.ts). */
  occStats(): OccStats;
  /** Calls `listener` on every conflict a mutation's commit met, retried or not. */
  onConflict(listener: (info: ConflictInfo) => void): void;
}

export interface ComponentRegistration {
  path: string;
  schema: SchemaDefinition<GenericSchema, boolean> | null;
  modules: ModuleMap;
}

/**
 * convex-test with optimistic concurrency (src/engine/occ.ts) and the deployment's limits (unless
 * `LOCAL_CONVEX_LIMITS=relaxed`): its own transaction counters switched on with Convex's values, plus
 * time, document size and nesting (src/limits/).
 */
export function createConvexTest(
  schema: SchemaDefinition<GenericSchema, boolean> | null | undefined,
  modules: ModuleMap,
): any {
  const enforced = limitsMode() === "enforced";
  const t: any = convexTest({
    schema: schema ?? undefined,
    modules,
    transactionLimits: enforced ? CONVEX_TEST_TRANSACTION_LIMITS : false,
  } as any);
  const internals = t._localConvex;
  if (internals?.currentTransaction === undefined) {
    throw new Error("convex-test is not patched: patches/convex-test.patch was not applied by pnpm");
  }
  const g = internals.convexGlobal;
  const tm = g.transactionManager;
  const wrapSyscalls: OccTarget["wrapSyscalls"] = (wrapSync, wrapAsync) => {
    const sync = g.syscall;
    const asyncCall = g.asyncSyscall;
    g.syscall = (op: string, args: string) => wrapSync(op, args, sync);
    g.asyncSyscall = (op: string, args: string) => wrapAsync(op, args, asyncCall);
  };
  const wrapTransactions: LimitTarget["wrapTransactions"] = (hooks) => {
    const begin = tm.begin.bind(tm);
    const commit = tm.commit.bind(tm);
    const rollback = tm.rollback.bind(tm);
    tm.begin = async (isNested: boolean, limits: unknown) => {
      await begin(isNested, limits);
      hooks.afterBegin(isNested, internals.currentTransaction());
    };
    tm.commit = (isNested: boolean) => {
      hooks.beforeCommit(isNested, internals.currentTransaction());
      const commitTs = commit(isNested);
      hooks.afterEnd?.(isNested, internals.currentTransaction());
      return commitTs;
    };
    tm.rollback = (isNested: boolean) => {
      rollback(isNested);
      hooks.afterRollback(isNested, internals.currentTransaction());
    };
  };
  const conflictListeners: ((info: ConflictInfo) => void)[] = [];
  const occStats = installOcc(
    {
      wrapSyscalls,
      currentTransaction: () => internals.currentTransaction(),
      currentComponentPath: () => internals.getCurrentComponentPath(),
      inIndexRange: (doc, range) => internals.inIndexRange(doc, range),
      pendingWrites() {
        const writes: ReturnType<OccTarget["pendingWrites"]> = [];
        for (const [componentPath, component] of Object.entries<any>(g.components)) {
          const level: Record<string, any> = component.db._writes.at(-1) ?? {};
          for (const [id, after] of Object.entries(level)) {
            writes.push({ componentPath, id, before: component.db._documents[id] ?? null, after });
          }
        }
        return writes;
      },
      setHooks(hooks) {
        // The retry knobs are read on each conflict, so a change to OCC_RETRY applies at once.
        for (const knob of Object.keys(OCC_RETRY) as (keyof typeof OCC_RETRY)[]) {
          Object.defineProperty(tm.occ, knob, { get: () => OCC_RETRY[knob] });
        }
        Object.assign(tm.occ, {
          beforeCommit: hooks.beforeCommit.bind(hooks),
          afterQuery: hooks.afterQuery.bind(hooks),
          onConflict: hooks.onConflict.bind(hooks),
        });
        wrapTransactions({
          afterBegin: (isNested, tx) => void (isNested || hooks.afterBegin(tx as OccTransaction)),
          beforeCommit: () => undefined,
          afterEnd: (isNested, tx) => void (isNested || hooks.afterEnd(tx as OccTransaction)),
          afterRollback: (isNested, tx) => void (isNested || hooks.afterEnd(tx as OccTransaction)),
        });
      },
    },
    (info) => conflictListeners.forEach((listener) => listener(info)),
  );
  internals.occ = { stats: occStats, conflictListeners };
  if (!enforced) return t;
  installLimits({
    wrapSyscalls,
    wrapTransactions,
    currentTransaction: () => internals.currentTransaction(),
    wrapActionCalls(hook) {
      g.runCallHook = hook;
    },
    pendingDocument(table, id) {
      return g.components[internals.getCurrentComponentPath()].db.get(table, id);
    },
  });
  return t;
}

export function createEngineCore(
  schema: SchemaDefinition<GenericSchema, boolean> | null,
  modules: ModuleMap,
  components: ComponentRegistration[],
): EngineCore {
  const t: any = createConvexTest(schema, modules);
  for (const c of components) t.registerComponent(c.path, c.schema, c.modules);
  const internals = t._localConvex;
  const g = internals.convexGlobal;
  const tm = g.transactionManager;
  const accessors = new Map<string, Accessor>();
  const commitListeners: ((writes: Map<string, string[]>, ts: bigint) => void)[] = [];

  const originalCommit = tm.commit.bind(tm);
  tm.commit = (isNested: boolean) => {
    let writes: Map<string, string[]> | undefined;
    if (!isNested) {
      writes = new Map();
      for (const [path, component] of Object.entries<any>(g.components)) {
        const level = component.db._writes.at(-1) ?? {};
        const ids = Object.keys(level);
        if (ids.length > 0) writes.set(path, ids);
      }
    }
    const commitTs: bigint | null = originalCommit(isNested);
    if (writes !== undefined && commitTs !== null && writes.size > 0) {
      for (const listener of commitListeners) listener(writes, commitTs);
    }
    return commitTs;
  };

  return {
    accessor(identity) {
      const key = identity === null ? "" : JSON.stringify(identity);
      let accessor = accessors.get(key);
      if (accessor === undefined) {
        accessor = identity === null ? t : t.withIdentity(identity);
        if (accessors.size > 1000) accessors.clear();
        accessors.set(key, accessor!);
      }
      return accessor!;
    },
    componentPaths: () => Object.keys(g.components),
    currentComponentPath: () => internals.getCurrentComponentPath(),
    wrapSyscalls(wrapSync, wrapAsync) {
      const sync = g.syscall;
      const asyncCall = g.asyncSyscall;
      g.syscall = (op: string, args: string) => wrapSync(op, args, sync);
      g.asyncSyscall = (op: string, args: string) => wrapAsync(op, args, asyncCall);
    },
    onCommit: (listener) => void commitListeners.push(listener),
    lastCommitTs: () => tm._lastCommitTs,
    setLastCommitTs: (ts) => {
      tm._lastCommitTs = ts;
    },
    dbState(componentPath) {
      const db = g.components[componentPath].db;
      return {
        documents: db._documents,
        files: db._storage,
        nextDocId: db._nextDocId,
        lastCreationTime: db._lastCreationTime,
      };
    },
    setDbState(componentPath, state) {
      const db = g.components[componentPath]?.db;
      if (db === undefined) throw new Error(`Saved state has unknown component "${componentPath}"`);
      db._documents = state.documents;
      db._storage = state.files;
      db._nextDocId = state.nextDocId;
      db._lastCreationTime = state.lastCreationTime;
    },
    rearmScheduledFunction: (componentPath, jobId, udfPath, args, delayMs) =>
      void internals.rearmScheduledFunction(componentPath, jobId, udfPath, args, delayMs),
    async idle() {
      while (tm._waitOnCurrentFunction !== null) await tm._waitOnCurrentFunction;
    },
    occStats: () => internals.occ.stats(),
    onConflict: (listener) => void internals.occ.conflictListeners.push(listener),
  };
}
