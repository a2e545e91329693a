import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { freePort } from "../stack.ts";

/** apps/web, the Next.js dashboard. */
export const WEB_DIR = fileURLToPath(new URL("../../../../apps/web", import.meta.url));
const NEXT_BIN = createRequire(`${WEB_DIR}/package.json`).resolve("next/dist/bin/next");

function run(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: WEB_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * `next build` of the dashboard (about a minute on two cores; faster overall than `next dev`, which
 * compiles every page on its first visit). The Convex URL is read at request time, so the build does
 * not depend on the stack's ports and can run while the stack starts. `runId` (one per `vitest run`,
 * from the global setup) builds once per run: the first dashboard file builds and marks the build with
 * it, the others start the same build (15 files used to build 15 times, ~15 minutes of CI).
 * E2E_REUSE_WEB_BUILD=1 skips it whenever a build exists; WEB_DIST_DIR (read by next.config.ts) picks
 * the build directory.
 */
export async function buildDashboard(runId?: string): Promise<void> {
  const distDir = `${WEB_DIR}/${process.env.WEB_DIST_DIR ?? "dist"}`;
  const marker = `${distDir}/.e2e-run-id`;
  if (existsSync(`${distDir}/BUILD_ID`)) {
    if (process.env.E2E_REUSE_WEB_BUILD === "1") return;
    if (runId !== undefined && existsSync(marker) && readFileSync(marker, "utf8") === runId) return;
  }
  const child = run(["build"]);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`);
  if (runId !== undefined) writeFileSync(marker, runId);
}

export interface DashboardServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `next start` on a free port, talking to the deployment (its site URL is where sign-in mints this
 * browser's client token); resolves once the sign-in page answers.
 */
export async function startDashboardServer(convex: {
  url: string;
  siteUrl: string;
}): Promise<DashboardServer> {
  const port = await freePort();
  const child = run(["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    CONVEX_URL: convex.url,
    CONVEX_SITE_URL: convex.siteUrl,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start ended (exit ${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`next start did not answer on ${url} within 30 s:\n${output}`);
}
