import type { UserIdentity } from "convex/server";
import { convexToJson, type JSONValue, type Value } from "convex/values";
import type { Engine, RunResult } from "../engine/engine.ts";
import type { QueryTracking } from "../engine/tracking.ts";

/** One distinct query (function, args, identity, journal), shared by every subscriber to it. */
export interface QueryInstance {
  readonly key: string;
  readonly udfPath: string;
  readonly args: Record<string, Value>;
  readonly identity: UserIdentity | null;
  journalEnd: string | null;
  /** Tables read by the latest execution (`${componentPath}:${table}`). */
  reads: Set<string>;
  result: RunResult | null;
  /** The result as wire JSON, to tell whether a re-execution changed anything. */
  resultJson: string;
  /** Bumped whenever the result changes; sessions remember the version they sent. */
  version: number;
  subscribers: number;
}

/** Receives the consistent state after each round of re-execution. */
export interface TransitionSink {
  sendTransition(ts: bigint): void;
}

/**
 * The reactive core: re-runs only the queries whose read tables a commit wrote, then lets every
 * session send one Transition at a timestamp no later commit has invalidated (optimistic: a commit
 * during the round marks its readers dirty again and the round repeats before anything is sent).
 */
export class QueryHub {
  private readonly instances = new Map<string, QueryInstance>();
  private readonly dirty = new Set<QueryInstance>();
  private readonly sinks = new Set<TransitionSink>();
  private flushing: Promise<void> | null = null;
  private again = false;
  /** Per evaluation in flight: the tables committed to since it started (see `evaluate`). */
  private readonly writtenDuringEvaluations = new Set<Set<string>>();

  constructor(private readonly engine: Engine) {
    engine.onCommit((written) => {
      for (const writtenDuring of this.writtenDuringEvaluations) {
        for (const key of written) writtenDuring.add(key);
      }
      for (const instance of this.instances.values()) {
        for (const key of instance.reads) {
          if (written.has(key)) {
            this.dirty.add(instance);
            break;
          }
        }
      }
      // Even with no reader affected, sessions waiting for this timestamp (a mutation's) need it.
      void this.flush();
    });
  }

  get ts(): bigint {
    return this.engine.core.lastCommitTs();
  }

  addSink(sink: TransitionSink): void {
    this.sinks.add(sink);
  }

  removeSink(sink: TransitionSink): void {
    this.sinks.delete(sink);
  }

  acquire(
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
    journalEnd: string | null,
  ): QueryInstance {
    const key = JSON.stringify([udfPath, convexToJson(args), identity, journalEnd]);
    let instance = this.instances.get(key);
    if (instance === undefined) {
      instance = {
        key,
        udfPath,
        args,
        identity,
        journalEnd,
        reads: new Set(),
        result: null,
        resultJson: "",
        version: 0,
        subscribers: 0,
      };
      this.instances.set(key, instance);
      this.dirty.add(instance);
    }
    instance.subscribers += 1;
    return instance;
  }

  release(instance: QueryInstance): void {
    instance.subscribers -= 1;
    if (instance.subscribers <= 0) {
      this.instances.delete(instance.key);
      this.dirty.delete(instance);
    }
  }

  /**
   * Asks for a round; resolves after a round that started after this call has sent its transitions.
   * Several frames can arrive in one tick, so the flag is checked by the loop, never by the caller.
   */
  flush(): Promise<void> {
    this.again = true;
    this.flushing ??= this.loop();
    return this.flushing;
  }

  private async loop(): Promise<void> {
    try {
      while (this.again) {
        this.again = false;
        await this.round();
      }
    } finally {
      this.flushing = null;
    }
  }

  private async round(): Promise<void> {
    while (this.dirty.size > 0) {
      const batch = [...this.dirty];
      this.dirty.clear();
      for (const instance of batch) {
        if (instance.subscribers > 0) await this.evaluate(instance);
      }
    }
    // No await between the empty dirty set and reading ts: every result is valid at this ts.
    const ts = this.ts;
    for (const sink of this.sinks) sink.sendTransition(ts);
  }

  /**
   * Runs the query and installs its result and read set. Transactions overlap, so a commit can land
   * after the execution read a table but before this method has its new read set (its transaction ends
   * well before `engine.run` returns): the commit listener then judged that commit against the previous
   * read set, empty on a first execution, and the round would send a Transition past a commit the
   * result does not include. Commits made while the execution was in flight are therefore checked again
   * against the read set it reports; a hit re-runs it in this round. (A commit during the transaction
   * itself is also caught by src/engine/occ.ts, which re-runs the query before returning.)
   */
  private async evaluate(instance: QueryInstance): Promise<void> {
    const tracking: QueryTracking = { reads: new Set(), journalEnd: instance.journalEnd, pageEnd: null };
    const writtenDuring = new Set<string>();
    this.writtenDuringEvaluations.add(writtenDuring);
    let result: RunResult;
    try {
      result = await this.engine.run("query", instance.udfPath, instance.args, instance.identity, {
        caller: "client",
        tracking,
      });
    } finally {
      this.writtenDuringEvaluations.delete(writtenDuring);
    }
    instance.reads = tracking.reads;
    for (const key of tracking.reads) {
      if (writtenDuring.has(key)) {
        this.dirty.add(instance);
        break;
      }
    }
    if (tracking.pageEnd !== null && instance.journalEnd === null) instance.journalEnd = tracking.pageEnd;
    const json = JSON.stringify(
      result.ok ? [true, convexToJson(result.value)] : [false, result.errorMessage, result.errorData ?? null],
    );
    if (instance.result === null || json !== instance.resultJson) {
      instance.version += 1;
      instance.resultJson = json;
    }
    instance.result = result;
  }
}

export function journalOf(instance: QueryInstance): string | null {
  return instance.journalEnd === null ? null : JSON.stringify({ end: instance.journalEnd });
}

export function parseJournal(journal: string | null | undefined): string | null {
  if (typeof journal !== "string") return null;
  try {
    const parsed = JSON.parse(journal) as { end?: unknown };
    return typeof parsed.end === "string" ? parsed.end : null;
  } catch {
    // A journal from another server (or garbage) just means "no fixed end yet".
    return null;
  }
}

export function resultValue(result: RunResult): JSONValue {
  return result.ok ? convexToJson(result.value) : null;
}
