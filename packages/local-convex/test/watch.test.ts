import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Inside the package (so the app resolves `convex`), under node_modules so no linter or type check sees it.
const cache = fileURLToPath(new URL("../node_modules/.cache", import.meta.url));
mkdirSync(cache, { recursive: true });
const root = mkdtempSync(path.join(cache, "local-convex-watch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function call(url: string, fn: string): Promise<unknown> {
  for (let i = 0; i < 200; i++) {
    try {
      const response = await fetch(`${url}/api/query`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: fn, args: {} }),
      });
      const body = (await response.json()) as { status: string; value?: unknown };
      if (body.status === "success") return body.value;
    } catch {
      // Not listening yet (starting or restarting).
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${fn} never answered`);
}

describe("local-convex dev (watch mode)", () => {
  it("generates _generated/, then regenerates and restarts when a module changes, re-reading --env-file", async () => {
    const convexDir = path.join(root, "convex");
    mkdirSync(convexDir);
    const module = (exports: string[]) =>
      writeFileSync(
        path.join(convexDir, "notes.ts"),
        `import { query } from "./_generated/server";\n${exports.map((e) => `export const ${e} = query(() => Promise.resolve("${e}"));`).join("\n")}\n` +
          `export const greeting = query(() => Promise.resolve(process.env.GREETING ?? null));\n`,
      );
    const envFile = path.join(root, "env.json");
    writeFileSync(envFile, JSON.stringify({ GREETING: "hej" }));
    module(["a"]);
    const [port, sitePort] = [await freePort(), await freePort()];
    const cli = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
    const args = [
      "--import",
      "tsx",
      cli,
      "dev",
      "--convex-dir",
      convexDir,
      "--state-dir",
      path.join(root, "state"),
      "--env-file",
      envFile,
    ];
    const dev = spawn(process.execPath, [...args, "--port", String(port), "--site-port", String(sitePort)], {
      stdio: "ignore",
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      expect(await call(url, "notes:a")).toBe("a");
      expect(await call(url, "notes:greeting")).toBe("hej");
      // The restarted server process gets the file's current values as deployment env vars.
      writeFileSync(envFile, JSON.stringify({ GREETING: "hallo" }));
      module(["a", "b"]);
      expect(await call(url, "notes:b")).toBe("b");
      expect(await call(url, "notes:greeting")).toBe("hallo");
    } finally {
      const exited = new Promise((resolve) => dev.once("exit", resolve));
      dev.kill("SIGTERM");
      await exited;
    }
  }, 60_000);
});
