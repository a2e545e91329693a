import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@answerbase/e2e/stack";

/** What `n8n start` logs (at info) when it has finished starting. */
const STARTED_LINE = "Editor is now accessible via";

export interface N8n {
  /** `http://127.0.0.1:<port>`: the editor, the REST API and `/webhook/<path>`. */
  url: string;
  /** Runs an n8n CLI command (`import:workflow`, …) against this instance's folder and database. */
  cli(args: string[]): Promise<string>;
  /** Starts `n8n start` and waits until it is ready; `env` reaches the workflows as `$env.X`. */
  start(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One n8n with a throwaway user folder (its SQLite database, settings and encryption key) on a free
 * loopback port, known before it starts (webhook endpoints point at it).
 */
export async function createN8n(entry: string): Promise<N8n> {
  const userFolder = mkdtempSync(path.join(tmpdir(), "answerbase-n8n-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The test runner's own variables (NODE_ENV=test, VITEST_*) are not n8n's business.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== "NODE_ENV" && !name.startsWith("VITEST")),
  );
  const n8nEnv: NodeJS.ProcessEnv = {
    ...inherited,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: "127.0.0.1",
    N8N_HOST: "127.0.0.1",
    N8N_PROTOCOL: "http",
    WEBHOOK_URL: `${url}/`,
    N8N_ENCRYPTION_KEY: "answerbase-n8n-suite-only",
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "false",
    // Nothing leaves the machine: no telemetry, version checks, templates or community node lookups.
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_TEMPLATES_ENABLED: "false",
    N8N_PERSONALIZATION_ENABLED: "false",
    N8N_COMMUNITY_PACKAGES_ENABLED: "false",
    N8N_SECURE_COOKIE: "false",
    // The signature check runs in a Code node: it needs `crypto` and the secret from `$env`.
    NODE_FUNCTION_ALLOW_BUILTIN: "crypto",
    N8N_BLOCK_ENV_ACCESS_IN_NODE: "false",
    // "info": the start-up line `start` waits for is logged at info; the output is only shown on failure.
    N8N_LOG_LEVEL: "info",
    DB_SQLITE_POOL_SIZE: "1",
  };
  let child: ChildProcess | null = null;
  const output: string[] = [];

  const cli = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const run = spawn(process.execPath, [entry, ...args], { env: n8nEnv });
      const lines: string[] = [];
      run.stdout.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
      run.stderr.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
      run.once("error", reject);
      run.once("exit", (code) =>
        code === 0
          ? resolve(lines.join(""))
          : reject(new Error(`n8n ${args.join(" ")} exited with ${code}:\n${lines.join("")}`)),
      );
    });

  const start = async (env: Record<string, string>) => {
    child = spawn(process.execPath, [entry, "start"], { env: { ...n8nEnv, ...env } });
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}:\n${output.join("")}`);
      // `/healthz/readiness` answers once the database is migrated, before the REST API is registered
      // (`/rest/owner/setup` was a 404 then); n8n prints this line once the REST API is up and the
      // active workflows are loaded (commands/start.js), and `/rest/settings` confirms it over HTTP.
      if (output.join("").includes(STARTED_LINE)) {
        try {
          if ((await fetch(`${url}/rest/settings`)).ok) return;
        } catch {
          // Not answering yet.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`n8n did not become ready within 300 s:\n${output.join("")}`);
  };

  const stop = async () => {
    const running = child;
    child = null;
    if (running !== null && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(userFolder, { recursive: true, force: true });
  };

  return { url, cli, start, stop };
}
