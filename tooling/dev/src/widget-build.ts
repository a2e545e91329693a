import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const WIDGET_DIR = fileURLToPath(new URL("../../../apps/widget", import.meta.url));
export const EMBED_DIR = fileURLToPath(new URL("../../../apps/embed", import.meta.url));

function run(command: string, args: string[], cwd: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error) => reject(new Error(`Could not build ${label}: ${error.message}`)));
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`Building ${label} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

/**
 * Builds the widget (Vite) and the embed loader (esbuild) into their dist/ folders, in parallel. The
 * built files are what the widget server serves: the same bundles as production, a few seconds to make.
 */
export async function buildWidget(): Promise<void> {
  await Promise.all([
    run(
      process.execPath,
      ["node_modules/vite/bin/vite.js", "build", "--logLevel", "error"],
      WIDGET_DIR,
      "the widget",
    ),
    run(process.execPath, ["--import", "tsx", "build.ts"], EMBED_DIR, "the embed loader"),
  ]);
}
