import type { ChildProcess } from "node:child_process";

/** A long-running child process of `pnpm dev`: when it ends, and how to end it. */
export interface StoppableChild {
  /** Resolves when the process ends, whoever ended it: its exit code, null after a signal or spawn error. */
  exited: Promise<number | null>;
  /** Asks the process to end (SIGTERM), kills it if it has not after `killAfterMs`, and waits. */
  stop: () => Promise<void>;
}

/** Watches `child` from its spawn on, so that an early exit is not missed. */
export function stoppable(child: ChildProcess, killAfterMs: number): StoppableChild {
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    await exited;
    clearTimeout(timer);
  };
  return { exited, stop };
}
