import type { UserIdentity } from "convex/server";
import { convexToJson, type Value } from "convex/values";
import type { QueryModification, StateModification } from "./protocol.ts";
import { journalOf, parseJournal, type QueryHub, type QueryInstance } from "./query-hub.ts";
import { argsOf } from "./requests.ts";

interface Subscription {
  udfPath: string;
  args: Record<string, Value>;
  journalEnd: string | null;
  instance: QueryInstance;
  /** The instance version last sent to this client; -1 before the first result. */
  sentVersion: number;
  /** Arguments that are not Convex values: the subscription only ever reports that. */
  invalid: boolean;
}

/** One connection's query set: its subscriptions to shared query instances and what it was sent. */
export class SessionQueries {
  private readonly queries = new Map<number, Subscription>();
  private readonly removed = new Set<number>();

  constructor(private readonly hub: QueryHub) {}

  apply(modifications: QueryModification[], identity: UserIdentity | null): void {
    for (const mod of modifications) {
      const existing = this.queries.get(mod.queryId);
      if (existing !== undefined) {
        if (!existing.invalid) this.hub.release(existing.instance);
        this.queries.delete(mod.queryId);
      }
      if (mod.type === "Remove") {
        this.removed.add(mod.queryId);
        continue;
      }
      this.removed.delete(mod.queryId);
      const journalEnd = parseJournal(mod.journal);
      const base = { udfPath: mod.udfPath, journalEnd, sentVersion: -1 };
      try {
        const args = argsOf(mod.args);
        const instance = this.hub.acquire(mod.udfPath, args, identity, journalEnd);
        this.queries.set(mod.queryId, { ...base, args, instance, invalid: false });
      } catch (error) {
        // The query fails; the rest of the set goes on.
        this.queries.set(mod.queryId, {
          ...base,
          args: {},
          instance: failedInstance(mod.udfPath, error),
          invalid: true,
        });
      }
    }
  }

  /** Moves every subscription to `identity` (after Authenticate or token expiry). */
  resubscribe(identity: UserIdentity | null): void {
    for (const sub of this.queries.values()) {
      if (sub.invalid) continue;
      this.hub.release(sub.instance);
      sub.instance = this.hub.acquire(sub.udfPath, sub.args, identity, sub.journalEnd);
      sub.sentVersion = -1;
    }
  }

  releaseAll(): void {
    for (const sub of this.queries.values()) if (!sub.invalid) this.hub.release(sub.instance);
    this.queries.clear();
  }

  /** Removals and every result this client has not been sent yet; marks them sent. */
  takeModifications(): StateModification[] {
    const modifications: StateModification[] = [];
    for (const queryId of this.removed) modifications.push({ type: "QueryRemoved", queryId });
    this.removed.clear();
    for (const [queryId, sub] of this.queries) {
      const { instance } = sub;
      const { result } = instance;
      if (result === null || sub.sentVersion === instance.version) continue;
      sub.sentVersion = instance.version;
      const journal = journalOf(instance);
      modifications.push(
        result.ok
          ? {
              type: "QueryUpdated",
              queryId,
              value: convexToJson(result.value),
              logLines: result.logLines,
              journal,
            }
          : {
              type: "QueryFailed",
              queryId,
              errorMessage: result.errorMessage,
              logLines: result.logLines,
              journal,
              ...(result.errorData === undefined ? {} : { errorData: convexToJson(result.errorData) }),
            },
      );
    }
    return modifications;
  }
}

function failedInstance(udfPath: string, error: unknown): QueryInstance {
  const errorMessage = `Invalid arguments for ${udfPath}: ${error instanceof Error ? error.message : String(error)}`;
  return {
    key: `invalid:${udfPath}`,
    udfPath,
    args: {},
    identity: null,
    journalEnd: null,
    reads: new Set(),
    result: { ok: false, errorMessage, logLines: [] },
    resultJson: errorMessage,
    version: 1,
    subscribers: 0,
  };
}
