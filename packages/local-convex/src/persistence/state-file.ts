import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { DbState, EngineCore } from "../engine/convex-test-adapter.ts";
import { tableOfId } from "../engine/tracking.ts";

const FORMAT = "local-convex-state";
const VERSION = 1;

interface SavedComponent {
  documents: Record<string, JSONValue>;
  files: Record<string, { type: string; base64: string }>;
  nextDocId: number;
  lastCreationTime: number;
}

interface SavedState {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  lastCommitTs: string;
  components: Record<string, SavedComponent>;
}

export interface LoadOutcome {
  restored: boolean;
  /** Where a state file that could not be read was moved. */
  movedAside?: string;
  error?: string;
  rearmed: number;
}

/**
 * The whole engine state (documents of the app and of every component, stored files, pending
 * scheduled functions, the commit timestamp) in `<stateDir>/state.json`, written through a temp file
 * and a rename so a crash never leaves half a file.
 */
export class StateFile {
  readonly file: string;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly base64Cache = new WeakMap<Blob, string>();

  constructor(
    private readonly core: EngineCore,
    stateDir: string,
    private readonly onError: (message: string) => void,
  ) {
    mkdirSync(stateDir, { recursive: true });
    this.file = path.join(stateDir, "state.json");
  }

  load(): LoadOutcome {
    if (!existsSync(this.file)) return { restored: false, rearmed: 0 };
    let state: SavedState;
    try {
      state = JSON.parse(readFileSync(this.file, "utf8")) as SavedState;
      if (state.format !== FORMAT || state.version !== VERSION)
        throw new Error(`not a ${FORMAT} v${VERSION} file`);
      this.apply(state);
    } catch (error) {
      const movedAside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(this.file, movedAside);
      const message = `local-convex: could not read the saved state ${this.file} (${error instanceof Error ? error.message : String(error)}); it was moved to ${movedAside} and the deployment starts empty.`;
      this.onError(message);
      return { restored: false, movedAside, error: message, rearmed: 0 };
    }
    return { restored: true, rearmed: this.rearmScheduled() };
  }

  private apply(state: SavedState): void {
    for (const [componentPath, saved] of Object.entries(state.components)) {
      const documents: DbState["documents"] = {};
      for (const [id, doc] of Object.entries(saved.documents)) {
        documents[id] = jsonToConvex(doc) as Record<string, unknown>;
      }
      const files: DbState["files"] = {};
      for (const [id, file] of Object.entries(saved.files)) {
        files[id] = new Blob([Buffer.from(file.base64, "base64")], { type: file.type });
      }
      this.core.setDbState(componentPath, {
        documents,
        files,
        nextDocId: saved.nextDocId,
        lastCreationTime: saved.lastCreationTime,
      });
    }
    const ts = BigInt(state.lastCommitTs);
    if (ts > this.core.lastCommitTs()) this.core.setLastCommitTs(ts);
  }

  /** Pending scheduled functions get their timers back; ones cut off mid-run are marked failed. */
  private rearmScheduled(): number {
    let count = 0;
    for (const componentPath of this.core.componentPaths()) {
      const { documents } = this.core.dbState(componentPath);
      for (const [id, doc] of Object.entries(documents)) {
        if (tableOfId(id) !== "_scheduled_functions") continue;
        const job = doc as { name: string; args: Value[]; scheduledTime: number; state: { kind: string } };
        if (job.state.kind === "inProgress") {
          documents[id] = { ...doc, state: { kind: "failed" }, completedTime: Date.now() };
        } else if (job.state.kind === "pending") {
          this.core.rearmScheduledFunction(
            componentPath,
            id,
            job.name,
            job.args[0] ?? {},
            job.scheduledTime - Date.now(),
          );
          count += 1;
        }
      }
    }
    return count;
  }

  /** Saves within ~250 ms of the first change after the previous save (the issue allows 1 s). */
  scheduleSave(): void {
    // After close, work still draining from a stopped server must not overwrite a newer server's file.
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, 250);
  }

  save(): Promise<void> {
    // Serialize synchronously: committed documents only change inside a synchronous commit.
    const snapshot = this.snapshot();
    this.writing = this.writing
      .then(() => this.write(snapshot))
      .catch((error: unknown) => {
        this.onError(
          `local-convex: saving state failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    return this.writing;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
    this.closed = true;
  }

  private snapshot(): {
    state: Omit<SavedState, "components">;
    components: [string, DbState, Record<string, JSONValue>][];
  } {
    const components = this.core
      .componentPaths()
      .map((componentPath): [string, DbState, Record<string, JSONValue>] => {
        const db = this.core.dbState(componentPath);
        const documents: Record<string, JSONValue> = {};
        for (const [id, doc] of Object.entries(db.documents)) documents[id] = convexToJson(doc as Value);
        return [componentPath, { ...db, files: { ...db.files } }, documents];
      });
    return {
      state: {
        format: FORMAT,
        version: VERSION,
        savedAt: new Date().toISOString(),
        lastCommitTs: this.core.lastCommitTs().toString(),
      },
      components,
    };
  }

  private async write(snapshot: ReturnType<StateFile["snapshot"]>): Promise<void> {
    const components: Record<string, SavedComponent> = {};
    for (const [componentPath, db, documents] of snapshot.components) {
      const files: SavedComponent["files"] = {};
      for (const [id, blob] of Object.entries(db.files)) {
        let base64 = this.base64Cache.get(blob);
        if (base64 === undefined) {
          base64 = Buffer.from(await blob.arrayBuffer()).toString("base64");
          this.base64Cache.set(blob, base64);
        }
        files[id] = { type: blob.type, base64 };
      }
      components[componentPath] = {
        documents,
        files,
        nextDocId: db.nextDocId,
        lastCreationTime: db.lastCreationTime,
      };
    }
    const tmp = `${this.file}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify({ ...snapshot.state, components } satisfies SavedState));
    await rename(tmp, this.file);
  }
}
