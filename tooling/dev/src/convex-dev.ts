import { spawn } from "node:child_process";
import { BACKEND_DIR } from "./paths.ts";

/**
 * Runs the real `npx convex dev` in packages/backend with the terminal attached and resolves with its
 * exit code. Ctrl-C reaches it directly from the terminal (same process group); a SIGTERM sent to this
 * process alone (a supervisor, `kill`) is passed on, and this process waits for it to finish.
 */
export function runConvexDev(): Promise<number> {
  const child = spawn("npx", ["convex", "dev"], { cwd: BACKEND_DIR, stdio: "inherit" });
  const forward = () => child.kill("SIGTERM");
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.once("error", (error) => {
      console.error(`Could not run \`npx convex dev\`: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
