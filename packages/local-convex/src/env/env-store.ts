import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/**
 * Deployment environment variables (`npx convex env` equivalents). Functions read them from
 * `process.env`, so they are applied to this process; they are kept in `<stateDir>/env.json`.
 */
export class EnvStore {
  private readonly vars = new Map<string, string>();
  private readonly file: string | null;
  private readonly listeners: (() => void)[] = [];

  constructor(stateDir: string | null, initial: Record<string, string> = {}) {
    this.file = stateDir === null ? null : path.join(stateDir, "env.json");
    if (this.file !== null && existsSync(this.file)) {
      for (const [k, v] of Object.entries(
        JSON.parse(readFileSync(this.file, "utf8")) as Record<string, string>,
      ))
        this.vars.set(k, v);
    }
    for (const [k, v] of Object.entries(initial)) this.vars.set(k, v);
    for (const [k, v] of this.vars) process.env[k] = v;
    this.persist();
  }

  /** Called after every set/remove (auth.config.ts is re-evaluated then). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  list(): Record<string, string> {
    return Object.fromEntries([...this.vars].sort(([a], [b]) => a.localeCompare(b)));
  }

  get(name: string): string | null {
    return this.vars.get(name) ?? null;
  }

  set(name: string, value: string): void {
    if (!NAME.test(name))
      throw new Error(
        `Invalid environment variable name ${JSON.stringify(name)}: use letters, digits and _ (starting with a letter)`,
      );
    this.vars.set(name, value);
    process.env[name] = value;
    this.persist();
  }

  remove(name: string): boolean {
    const existed = this.vars.delete(name);
    delete process.env[name];
    this.persist();
    return existed;
  }

  private persist(): void {
    for (const listener of this.listeners) listener();
    if (this.file === null) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.list(), null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
