import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { UserIdentity } from "convex/server";
import { getConvexSize, type Value } from "convex/values";
import {
  flattenComponentPaths,
  readComponentTree,
  type ComponentNode,
} from "../components/component-tree.ts";
import { componentRegistrations } from "./component-registrations.ts";
import { MUTATION_SLOTS, MutationSlots } from "./mutation-slots.ts";
import { describeError } from "./errors.ts";
import { executionLog, type ExecutionLog, type LogStream } from "../logs/log-stream.ts";
import { createEngineCore, type EngineCore } from "./convex-test-adapter.ts";
import type { OccStats } from "./occ.ts";
import {
  describeExport,
  notFoundMessage,
  parseUdfPath,
  wrongKindMessage,
  type FunctionInfo,
  type FunctionKind,
} from "./function-info.ts";
import { loadSchema, moduleMap } from "./modules.ts";
import { actionDeadline } from "../limits/enforce-limits.ts";
import { LIMITS, limitMessages, limitsMode } from "../limits/limit-values.ts";
import { installSyscallHooks, type StorageUrls } from "./syscall-hooks.ts";
import { commitRecord, queryTracking, readKey, tableOfId, type QueryTracking } from "./tracking.ts";

export interface EngineOptions {
  convexDir: string;
  /** The component tree; read from convex.config.ts when omitted. */
  components?: ComponentNode[];
  logs: LogStream;
}

/** A function's outcome in the shape the protocol needs. */
export type RunResult =
  | { ok: true; value: Value; logLines: string[]; commitTs?: bigint }
  | { ok: false; errorMessage: string; errorData?: Value; logLines: string[] };

export type Caller = "client" | "admin" | "system";

/**
 * The project's functions on convex-test's engine, with what a deployment adds around them: function
 * visibility, read sets for reactivity, commit notifications, log capture and real storage URLs.
 */
export class Engine implements StorageUrls {
  origin = "http://127.0.0.1";
  readonly uploadTokens = new Set<string>();
  private readonly functions = new Map<string, Promise<FunctionInfo | null>>();
  private readonly mutationSlots = new MutationSlots(MUTATION_SLOTS);
  private readonly commitListeners: ((written: Set<string>, commitTs: bigint) => void)[] = [];

  private constructor(
    readonly core: EngineCore,
    readonly convexDir: string,
    private readonly logs: LogStream,
  ) {
    installSyscallHooks(core, this);
    core.onCommit((writes, commitTs) => {
      const record = commitRecord.getStore();
      if (record !== undefined && record.commitTs === undefined) record.commitTs = commitTs;
      const keys = new Set<string>();
      for (const [componentPath, ids] of writes) {
        for (const id of ids) {
          const table = tableOfId(id);
          if (table !== null) keys.add(readKey(componentPath, table));
          if (table === "_scheduled_functions") this.logScheduledOutcome(componentPath, id);
        }
      }
      for (const listener of this.commitListeners) listener(keys, commitTs);
    });
    core.onConflict((info) => {
      const { componentPath, udfPath } = info.functionPath;
      const name = componentPath ? `${componentPath}/${udfPath}` : udfPath;
      const outcome = info.retry ? `retrying in ${Math.round(info.delayMs)} ms` : "giving up";
      const total = this.core.occStats()[name];
      const totals = total
        ? ` (so far: ${total.conflicts} conflicts, ${total.retries} retries, ${total.failed} failed)`
        : "";
      this.logs.write({
        udfPath: name,
        kind: "mutation",
        level: "WARN",
        message: `OCC conflict ${info.failures} of this call (${firstSentence(info.error.message)}); ${outcome}${totals}`,
      });
    });
  }

  /** Conflicts, retries and calls that gave up, per mutation, since the server started. */
  occStats(): OccStats {
    return this.core.occStats();
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const convexDir = path.resolve(options.convexDir);
    const tree = options.components ?? readComponentTree(convexDir);
    const registrations = await componentRegistrations(tree, path.join(convexDir, "convex.config.ts"), "");
    const core = createEngineCore(await loadSchema(convexDir), moduleMap(convexDir), registrations);
    return new Engine(core, convexDir, options.logs);
  }

  uploadUrl(): string {
    const token = randomBytes(16).toString("hex");
    this.uploadTokens.add(token);
    return `${this.origin}/api/storage/upload?token=${token}`;
  }

  fileUrl(storageId: string): string {
    return `${this.origin}/api/storage/${storageId}`;
  }

  /** Resolves a root-component function; null when no such Convex function is exported. */
  describe(udfPath: string): Promise<FunctionInfo | null> {
    const { module, exportName, canonical } = parseUdfPath(udfPath);
    let info = this.functions.get(canonical);
    if (info === undefined) {
      // Only the module's own path; `..` or absolute paths never reach outside the functions folder.
      const file = [".ts", ".js"]
        .map((ext) => path.join(this.convexDir, module + ext))
        .find((f) => f.startsWith(this.convexDir + path.sep) && existsSync(f));
      info =
        file === undefined
          ? Promise.resolve(null)
          : import(pathToFileURL(file).href).then((m: Record<string, unknown>) =>
              describeExport(m[exportName], canonical),
            );
      this.functions.set(canonical, info);
    }
    return info;
  }

  /**
   * Runs a function as a request: checks it exists, has the expected kind, and that clients only reach
   * public functions (`admin`, like `npx convex run`, reaches internal ones too).
   */
  async run(
    expected: FunctionKind | "any",
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
    options: { caller: Caller; tracking?: QueryTracking; logAs?: "cron" },
  ): Promise<RunResult & { kind?: FunctionKind }> {
    const log: ExecutionLog = { udfPath, kind: "query", lines: [], closed: false, stream: this.logs };
    let info: FunctionInfo | null;
    try {
      info = await this.describe(udfPath);
    } catch (error) {
      // The module exists but failed to load (syntax error, throwing top-level code): say so.
      return { ...describeError(error), logLines: [] };
    }
    if (info === null || (info.visibility === "internal" && options.caller === "client")) {
      return { ok: false, errorMessage: notFoundMessage(udfPath), logLines: [] };
    }
    if (expected !== "any" && info.kind !== expected) {
      return { ok: false, errorMessage: wrongKindMessage(udfPath, expected, info.kind), logLines: [] };
    }
    log.kind = options.logAs ?? info.kind;
    log.udfPath = info.udfPath;
    const accessor = this.core.accessor(identity);
    const fnPath = { componentPath: "", udfPath: info.udfPath };
    const record = {} as { commitTs?: bigint };
    const started = performance.now();
    const enforced = limitsMode() === "enforced";
    try {
      const argsSize = getConvexSize(args);
      if (enforced && argsSize > LIMITS.argsBytes) {
        throw new Error(limitMessages.argsBytes(info.udfPath, argsSize));
      }
      const invoke = () =>
        info.kind === "query"
          ? accessor.queryFromPath(fnPath, args)
          : info.kind === "mutation"
            ? this.mutationSlots.run(() => accessor.mutationFromPath(fnPath, args))
            : enforced
              ? withActionTimeout((deadline) =>
                  actionDeadline.run(deadline, () => accessor.actionFromPath(fnPath, args)),
                )
              : accessor.actionFromPath(fnPath, args);
      const tracked = options.tracking ? () => queryTracking.run(options.tracking!, invoke) : invoke;
      const value = (await executionLog.run(log, () => commitRecord.run(record, tracked))) as Value;
      const resultSize = getConvexSize(value ?? null);
      if (enforced && resultSize > LIMITS.resultBytes) {
        throw new Error(limitMessages.resultBytes(info.udfPath, resultSize));
      }
      this.logCall(log, performance.now() - started);
      return {
        ok: true,
        value: value ?? null,
        logLines: log.lines,
        commitTs: record.commitTs,
        kind: info.kind,
      };
    } catch (error) {
      const failure = describeError(error);
      this.logs.write({
        udfPath: log.udfPath,
        kind: log.kind,
        level: "FAILURE",
        message: failure.errorMessage,
      });
      return { ...failure, logLines: log.lines, kind: info.kind };
    } finally {
      log.closed = true;
    }
  }

  /** convex-test runs scheduled functions itself; their job document tells how each one ended. */
  private logScheduledOutcome(componentPath: string, jobId: string): void {
    const job = this.core.dbState(componentPath).documents[jobId] as
      { name: string; state: { kind: string }; scheduledTime: number } | undefined;
    const kind = job?.state.kind;
    if (job === undefined || (kind !== "success" && kind !== "failed")) return;
    const udfPath = componentPath === "" ? job.name : `${componentPath}/${job.name}`;
    const level = kind === "success" ? "CALL" : "FAILURE";
    this.logs.write({
      udfPath,
      kind: "scheduled",
      level,
      message: "",
      durationMs: Date.now() - job.scheduledTime,
    });
  }

  private logCall(log: ExecutionLog, durationMs: number): void {
    this.logs.write({ udfPath: log.udfPath, kind: log.kind, level: "CALL", message: "", durationMs });
  }

  /** Serves an HTTP action from `http.ts`. */
  async fetchHttpAction(
    pathAndQuery: string,
    init: RequestInit,
    identity: UserIdentity | null,
  ): Promise<Response> {
    const log: ExecutionLog = {
      udfPath: `http ${init.method ?? "GET"} ${pathAndQuery}`,
      kind: "http",
      lines: [],
      closed: false,
      stream: this.logs,
    };
    const started = performance.now();
    try {
      return await executionLog.run(log, () => this.core.accessor(identity).fetch(pathAndQuery, init));
    } finally {
      log.closed = true;
      this.logCall(log, performance.now() - started);
    }
  }

  /** Stores an uploaded file the way `ctx.storage.store` does; returns its storage id. */
  async storeFile(blob: Blob): Promise<string> {
    return (await this.core
      .accessor(null)
      .action((ctx: { storage: { store(b: Blob): Promise<string> } }) => ctx.storage.store(blob))) as string;
  }

  /** A stored file by storage id, or null. Reads committed state only. */
  file(storageId: string): { blob: Blob; contentType?: string } | null {
    const state = this.core.dbState("");
    const blob = state.files[storageId];
    const meta = state.documents[storageId];
    if (blob === undefined || meta === undefined) return null;
    return { blob, contentType: typeof meta.contentType === "string" ? meta.contentType : undefined };
  }

  /** Subscribes to committed writes: the `${componentPath}:${table}` keys each commit touched. */
  onCommit(listener: (written: Set<string>, commitTs: bigint) => void): void {
    this.commitListeners.push(listener);
  }
}

/**
 * An action's result, or the deployment's timeout error once it has run for the action limit. Node
 * cannot stop the action's code: it keeps running, but its caller gets the failure, as on Convex, and
 * its later calls into Convex fail too (`actionDeadline`).
 */
function withActionTimeout(action: (deadline: { expired: boolean }) => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = { expired: false };
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.expired = true;
      reject(new Error(limitMessages.timeout(LIMITS.actionMs)));
    }, LIMITS.actionMs);
  });
  return Promise.race([action(deadline), timeout]).finally(() => clearTimeout(timer));
}

/** "Documents read from or written to the "t" table changed …" up to its first period. */
function firstSentence(message: string): string {
  const end = message.indexOf(". ");
  return end === -1 ? message : message.slice(0, end);
}

export { flattenComponentPaths };
