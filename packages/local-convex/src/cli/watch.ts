import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import path from "node:path";
import { writeGeneratedCode } from "../codegen/generate.ts";
import { LOCAL_CONVEX_CLI } from "./cli-path.ts";
import { createRestartBackoff } from "./restart-backoff.ts";

/**
 * `local-convex dev`: runs `serve` in a child process and, like `convex dev`, regenerates `_generated/`
 * and restarts it when the functions change. Loaded modules cannot be unloaded from a Node process, so
 * a restart is a new process; the state is saved on the way out and clients reconnect by themselves.
 * A server that exits on its own (a crash, `kill -9`) is started again after a back-off (see
 * restart-backoff.ts); its state is what the state file last held (saved ~250 ms after each change).
 */
export async function superviseDev(convexDir: string, serveArgs: string[]): Promise<void> {
  let child: ChildProcess | null = null;
  let restarting = false;
  let stopping = false;
  const backoff = createRestartBackoff();
  let crashRestart: NodeJS.Timeout | undefined;
  const start = () => {
    clearTimeout(crashRestart);
    const startedAt = Date.now();
    child = spawn(process.execPath, [...process.execArgv, LOCAL_CONVEX_CLI, "serve", ...serveArgs], {
      stdio: "inherit",
    });
    child.once("exit", (code, signal) => {
      child = null;
      if (stopping) process.exit(code ?? 0);
      if (restarting) {
        restarting = false;
        start();
        return;
      }
      const delay = backoff.delayAfterCrash(Date.now() - startedAt);
      process.stderr.write(
        `local-convex: server exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s\n`,
      );
      crashRestart = setTimeout(() => {
        process.stdout.write("local-convex: restarting the server after it exited\n");
        start();
      }, delay);
    });
  };
  let timer: NodeJS.Timeout | undefined;
  watch(convexDir, { recursive: true }, (_event, file) => {
    if (file === null || file.split(path.sep).includes("_generated") || file.startsWith(".")) return;
    clearTimeout(timer);
    timer = setTimeout(() => void restart(file), 200);
  });
  const regenerate = async () => {
    try {
      const written = await writeGeneratedCode(convexDir);
      if (written.length > 0)
        process.stdout.write(`local-convex: regenerated _generated/ (${written.join(", ")})\n`);
    } catch (error) {
      process.stderr.write(
        `local-convex: codegen failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  };
  const restart = async (file: string) => {
    await regenerate();
    if (stopping) return;
    process.stdout.write(`local-convex: ${file} changed, restarting\n`);
    if (child === null) return start();
    restarting = true;
    child.kill("SIGTERM");
  };
  // Signals can arrive more than once (the terminal's SIGINT and a parent's SIGTERM): the child is asked
  // to stop once and every later signal waits for it, so its state is saved.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    clearTimeout(crashRestart);
    if (child === null) process.exit(0);
    else child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await regenerate();
  start();
}
