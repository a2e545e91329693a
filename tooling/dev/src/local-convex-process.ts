import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { LOCAL_CONVEX_CLI, resolveTarget, type Target } from "@answerbase/local-convex";
import { stoppable } from "./stoppable-child.ts";

export interface LocalConvexDevOptions {
  convexDir: string;
  stateDir: string;
  port: number;
  sitePort: number;
  /** JSON file of deployment env vars, read again on every (re)start of the server. */
  envFile: string;
}

export interface LocalConvexDev {
  url: string;
  siteUrl: string;
  /** URL and admin key for admin calls (`local-convex run`). */
  target: Target;
  /**
   * The `local-convex dev` supervisor's process id; its server is a child process of its own, started
   * again when it crashes.
   */
  pid: number | undefined;
  /** Resolves when the dev process ends, whoever ended it. */
  exited: Promise<number | null>;
  /** Stops the dev process (which saves the state) and waits for it. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Runs `local-convex dev` as a child process: it regenerates `_generated/` and restarts its server
 * when the functions change, which needs processes of its own. Resolves once the server answers.
 */
export async function startLocalConvexDev(options: LocalConvexDevOptions): Promise<LocalConvexDev> {
  // An absolute loader URL, so the child does not depend on its working directory to find tsx.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(
    process.execPath,
    [
      ...["--import", tsx, LOCAL_CONVEX_CLI, "dev"],
      ...["--convex-dir", options.convexDir, "--state-dir", options.stateDir],
      ...["--port", String(options.port), "--site-port", String(options.sitePort)],
      ...["--env-file", options.envFile],
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const { exited, stop } = stoppable(child, STOP_TIMEOUT_MS);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(url, exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    siteUrl: `http://127.0.0.1:${options.sitePort}`,
    target: resolveTarget(url, undefined, options.stateDir),
    pid: child.pid,
    exited,
    stop,
  };
}

/** Polls the server until it answers; fails when the dev process ends first or it takes too long. */
async function waitUntilServing(url: string, exited: Promise<number | null>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (ended) throw new Error("local-convex dev ended before its server started (see its output above)");
    try {
      if ((await fetch(`${url}/version`)).ok) return;
    } catch {
      // Not listening yet: codegen and loading the backend's modules take a few seconds.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `local-convex did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s (see its output above)`,
  );
}
