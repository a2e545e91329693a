import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import path from "node:path";
import { writeGeneratedCode } from "../codegen/generate.ts";
import { LOCAL_CONVEX_CLI } from "./cli-path.ts";

/**
 * `local-convex dev`: runs `serve` in a child process and, like `convex dev`, regenerates `_generated/`
 * and restarts it when the functions change. Loaded modules cannot be unloaded from a Node process, so
 * a restart is a new process; the state is saved on the way out and clients reconnect by themselves.
 */
export async function superviseDev(convexDir: string, serveArgs: string[]): Promise<void> {
  let child: ChildProcess | null = null;
  let restarting = false;
  let stopping = false;
  const start = () => {
    child = spawn(process.execPath, [...process.execArgv, LOCAL_CONVEX_CLI, "serve", ...serveArgs], {
      stdio: "inherit",
    });
    child.once("exit", (code) => {
      child = null;
      if (stopping) process.exit(code ?? 0);
      if (restarting) {
        restarting = false;
        start();
      } else {
        process.stderr.write(`local-convex: server exited (${code}); waiting for a change to restart\n`);
      }
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
    if (child === null) process.exit(0);
    else child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await regenerate();
  start();
}
