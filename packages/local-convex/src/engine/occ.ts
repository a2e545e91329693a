/**
 * Optimistic concurrency as a deployment does it: transactions run concurrently, each records what
 * it read (documents, and index ranges as their range expressions), and a mutation whose read set
 * meets a write committed since it began is refused at commit and re-run by convex-test's patched
 * transaction manager (jittered exponential back-off, `UDF_EXECUTOR_OCC_*` knobs of the backend).
 * Reads see the latest committed state rather than a snapshot; anything committed after the
 * transaction began that it read is in its read set, so such a read is caught here too and the
 * outcome stays serializable. A query that overlapped such a commit is simply run again.
 */

type SyncSyscall = (op: string, args: string) => string;
type AsyncSyscall = (op: string, args: string) => Promise<string>;
type Doc = Record<string, unknown>;
/** convex-test's range expressions of an `IndexRange` query source. */
type RangeExpr = { type: string; fieldPath: string; value: unknown };

/** Convex's `UDF_EXECUTOR_OCC_MAX_RETRIES`, `_INITIAL_BACKOFF_MS`, `_MAX_BACKOFF_MS` (knobs.rs). */
export const OCC_RETRY = { maxRetries: 4, initialBackoffMs: 100, maxBackoffMs: 2000 };

/** What a transaction read, per component and table. */
export interface ReadSet {
  /** `${componentPath}\0${id}` of each document read by id (and each patched, replaced or deleted one). */
  ids: Set<string>;
  /** `${componentPath}\0${table}` → range expressions read (`[]`: the whole table). */
  ranges: Map<string, RangeExpr[][]>;
}

interface OccState {
  startSeq: number;
  reads: ReadSet;
  /** A query that read something committed while it ran: convex-test runs it again. */
  stale?: boolean;
}

/** A top-level transaction as the patched convex-test exposes it. */
export interface OccTransaction {
  kind?: "query" | "mutation";
  functionPath?: { componentPath: string; udfPath: string };
  local: { occ?: OccState };
}

interface CommittedWrite {
  componentPath: string;
  table: string;
  id: string;
  /** The document before and after the commit (null: absent). */
  before: Doc | null;
  after: Doc | null;
}

interface CommitEntry {
  seq: number;
  udfPath: string;
  writes: CommittedWrite[];
}

export interface ConflictInfo {
  functionPath: { componentPath: string; udfPath: string };
  error: Error;
  /** Conflicts of this call so far (1 on the first). */
  failures: number;
  retry: boolean;
  delayMs: number;
}

/** Conflicts and retries per function since the engine started. */
export type OccStats = Record<string, { conflicts: number; retries: number; failed: number }>;

/** What the OCC check needs from convex-test (provided by the engine adapter). */
export interface OccTarget {
  wrapSyscalls(
    wrapSync: (op: string, args: string, next: SyncSyscall) => string,
    wrapAsync: (op: string, args: string, next: AsyncSyscall) => Promise<string>,
  ): void;
  currentTransaction(): OccTransaction | undefined;
  currentComponentPath(): string;
  inIndexRange(doc: Doc, range: RangeExpr[]): boolean;
  /** The committing transaction's writes: per component, id → new document (null: deleted) and old one. */
  pendingWrites(): { componentPath: string; id: string; before: Doc | null; after: Doc | null }[];
  /** Hooks of the patched transaction manager. */
  setHooks(hooks: {
    afterBegin(tx: OccTransaction): void;
    beforeCommit(tx: OccTransaction): void;
    afterEnd(tx: OccTransaction): void;
    afterQuery(tx: OccTransaction): "rerun" | undefined;
    onConflict(info: ConflictInfo): void;
  }): void;
}

/** convex-test ids are `<counter><table>`. */
function tableOf(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

/** The deployment's text (crates/errors/src/lib.rs `user_occ`, database.rs `occ_write_source_string`). */
export function occMessage(table: string, id: string, writer: string, self: string): string {
  const source = writer === self ? "Another call to this mutation" : `A call to "${writer}"`;
  return (
    `Documents read from or written to the "${table}" table changed while this mutation was being run ` +
    `and on every subsequent retry. ${source} changed the document with ID "${id}". ` +
    `See https://docs.convex.dev/error#1`
  );
}

export function installOcc(target: OccTarget, onConflict?: (info: ConflictInfo) => void): () => OccStats {
  const log: CommitEntry[] = [];
  const active = new Set<OccState>();
  const stats: OccStats = {};
  let seq = 0;

  const readsOf = (): { reads: ReadSet; componentPath: string } | null => {
    const state = target.currentTransaction()?.local.occ;
    return state === undefined ? null : { reads: state.reads, componentPath: target.currentComponentPath() };
  };
  const recordId = (id: string | undefined) => {
    const current = readsOf();
    if (current !== null && id !== undefined) current.reads.ids.add(`${current.componentPath}\0${id}`);
  };
  const recordRange = (table: string | undefined, range: RangeExpr[]) => {
    const current = readsOf();
    if (current === null || table === undefined) return;
    const key = `${current.componentPath}\0${table}`;
    const ranges = current.reads.ranges.get(key) ?? [];
    ranges.push(range);
    current.reads.ranges.set(key, ranges);
  };
  const recordQuery = (json: string) => {
    const source = (JSON.parse(json) as { query?: { source?: QuerySource } }).query?.source;
    if (source === undefined) return;
    const table = source.tableName ?? source.indexName?.split(".")[0];
    // An index range as its expressions; a table scan or a search reads the whole table.
    recordRange(table, source.type === "IndexRange" ? (source.range ?? []) : []);
  };

  target.wrapSyscalls(
    (op, json, next) => {
      if (op === "1.0/queryStream") recordQuery(json);
      return next(op, json);
    },
    async (op, json, next) => {
      switch (op) {
        case "1.0/get":
        case "1.0/shallowMerge":
        case "1.0/replace":
        case "1.0/remove":
          recordId((JSON.parse(json) as { id?: string }).id);
          break;
        case "1.0/queryPage":
          recordQuery(json);
          break;
        case "1.0/count":
          recordRange((JSON.parse(json) as { table?: string }).table, []);
          break;
      }
      return next(op, json);
    },
  );

  /** The first committed write since `state` began that meets its read set. */
  const conflictOf = (state: OccState): { write: CommittedWrite; entry: CommitEntry } | null => {
    for (const entry of log) {
      if (entry.seq <= state.startSeq) continue;
      for (const write of entry.writes) {
        if (state.reads.ids.has(`${write.componentPath}\0${write.id}`)) return { write, entry };
        const ranges = state.reads.ranges.get(`${write.componentPath}\0${write.table}`);
        if (ranges === undefined) continue;
        for (const range of ranges) {
          const hit = [write.before, write.after].some(
            (doc) => doc !== null && target.inIndexRange(doc, range),
          );
          if (hit) return { write, entry };
        }
      }
    }
    return null;
  };

  const prune = () => {
    const oldest = Math.min(seq, ...[...active].map((s) => s.startSeq));
    while (log.length > 0 && log[0]!.seq <= oldest) log.shift();
  };

  target.setHooks({
    afterBegin(tx) {
      const state: OccState = { startSeq: seq, reads: { ids: new Set(), ranges: new Map() } };
      tx.local.occ = state;
      active.add(state);
    },
    beforeCommit(tx) {
      const state = tx.local.occ;
      if (state === undefined) return;
      const udfPath = tx.functionPath?.udfPath ?? "";
      const conflict = conflictOf(state);
      if (conflict !== null) {
        const { write, entry } = conflict;
        const error = new Error(occMessage(write.table, write.id, entry.udfPath, udfPath));
        (error as Error & { isOccConflict: boolean }).isOccConflict = true;
        throw error;
      }
      // Only transactions still running need this commit's writes: none but this one, none kept.
      if (active.size <= 1) return;
      const writes = target.pendingWrites().map((w) => ({ ...w, table: tableOf(w.id) }));
      if (writes.length > 0) log.push({ seq: ++seq, udfPath, writes });
    },
    afterEnd(tx) {
      const state = tx.local.occ;
      if (state === undefined) return;
      if (tx.kind === "query" && conflictOf(state) !== null) state.stale = true;
      active.delete(state);
      prune();
    },
    afterQuery: (tx) => (tx.local.occ?.stale === true ? "rerun" : undefined),
    onConflict(info) {
      const name = info.functionPath.componentPath
        ? `${info.functionPath.componentPath}/${info.functionPath.udfPath}`
        : info.functionPath.udfPath;
      const entry = (stats[name] ??= { conflicts: 0, retries: 0, failed: 0 });
      entry.conflicts++;
      if (info.retry) entry.retries++;
      else entry.failed++;
      onConflict?.(info);
    },
  });
  return () => structuredClone(stats);
}

interface QuerySource {
  type?: string;
  tableName?: string;
  indexName?: string;
  range?: RangeExpr[];
}
