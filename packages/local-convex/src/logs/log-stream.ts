import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import { format } from "node:util";

export type LogLevel = "LOG" | "INFO" | "WARN" | "ERROR" | "DEBUG";

/** One function call or console line, as `local-convex logs` and the server's stdout show it. */
export interface LogEntry {
  time: string;
  udfPath: string;
  kind: "query" | "mutation" | "action" | "http" | "scheduled" | "cron" | "system";
  level: LogLevel | "CALL" | "FAILURE";
  message: string;
  durationMs?: number;
}

/** The function execution a console call belongs to (AsyncLocalStorage follows it into awaits). */
export interface ExecutionLog {
  udfPath: string;
  kind: LogEntry["kind"];
  /** Lines returned to the client in `logLines`, as a deployment does. */
  lines: string[];
  /** Set once the response was sent: later lines (from work it scheduled) go to the stream only. */
  closed: boolean;
  stream: LogStream;
}

export const executionLog = new AsyncLocalStorage<ExecutionLog>();

/** Fan-out of log entries to stdout (optional) and to `GET /api/local_convex/logs` listeners. */
export class LogStream extends EventEmitter<{ entry: [LogEntry] }> {
  private readonly recent: LogEntry[] = [];

  constructor(private readonly print: boolean) {
    super();
  }

  write(entry: Omit<LogEntry, "time">): void {
    const full = { time: new Date().toISOString(), ...entry };
    this.recent.push(full);
    if (this.recent.length > 500) this.recent.shift();
    if (this.print) process.stdout.write(`${formatEntry(full)}\n`);
    this.emit("entry", full);
  }

  history(): LogEntry[] {
    return [...this.recent];
  }
}

export function formatEntry(e: LogEntry): string {
  const took = e.durationMs === undefined ? "" : ` ${e.durationMs.toFixed(1)}ms`;
  return `${e.time} ${e.level.padEnd(7)} ${e.kind} ${e.udfPath}${took}${e.message ? ` ${e.message}` : ""}`;
}

const LEVELS: Record<string, LogLevel> = {
  log: "LOG",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
  debug: "DEBUG",
};

/**
 * Routes console calls made inside functions into the execution's log lines and the stream, like a
 * deployment does, and leaves every other console call untouched. convex-test proxies `console` per
 * call; assigning outside a call sets the default it falls back to.
 */
let installed = false;

export function captureConsole(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.console;
  const captured = Object.create(original) as Console;
  for (const [method, level] of Object.entries(LEVELS)) {
    (captured as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const execution = executionLog.getStore();
      if (execution === undefined) {
        (original as unknown as Record<string, (...a: unknown[]) => void>)[method]?.(...args);
        return;
      }
      const text = args.map((a) => (typeof a === "string" ? `'${a}'` : format("%o", a))).join(" ");
      if (!execution.closed) execution.lines.push(`[${level}] ${text}`);
      execution.stream.write({ udfPath: execution.udfPath, kind: execution.kind, level, message: text });
    };
  }
  globalThis.console = captured;
}
