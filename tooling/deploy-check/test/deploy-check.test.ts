import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deployCheck } from "../src/deploy-check.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const check = (name: string) =>
  deployCheck(path.join(fixture(name), "convex"), path.join(fixture(name), "deploy.md"), ROOT);
const shown = (name: string, file: string) => path.relative(ROOT, path.join(fixture(name), file));

describe("pnpm deploy:check", () => {
  it('passes a functions folder that Convex can bundle: Node only in a "use node" action, every variable documented', async () => {
    const report = await check("clean");
    expect(report.problems).toEqual([]);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ["codegen", true],
      ["runtimes", true],
      ["env vars", true],
      ["components", true],
    ]);
    expect(report.envVars).toEqual([
      { name: "NOTES_GREETING", readIn: [shown("clean", "convex/lib/greeting.ts")], required: "no" },
    ]);
  });

  it("passes the real backend against docs/deploy.md, as `npx convex deploy` needs it", async () => {
    const report = await deployCheck(
      path.join(ROOT, "packages/backend/convex"),
      path.join(ROOT, "docs/deploy.md"),
      ROOT,
    );
    expect(report.problems).toEqual([]);
    // The sign-in keys Convex Auth cannot start without are found and documented as required.
    expect(report.envVars.filter((v) => v.required === "yes").map((v) => v.name)).toEqual(
      expect.arrayContaining(["JWKS", "JWT_PRIVATE_KEY", "SITE_URL"]),
    );
  });

  it("names the default-runtime file that reaches a Node built-in and the import chain that does", async () => {
    const report = await check("node-builtin");
    const runtimes = report.checks.find((c) => c.name === "runtimes");
    expect(runtimes?.ok).toBe(false);
    expect(report.problems).toContainEqual({
      file: shown("node-builtin", "convex/notes.ts"),
      message: expect.stringContaining(
        `${shown("node-builtin", "convex/notes.ts")} → ${shown("node-builtin", "convex/lib/templates.ts")} → node:fs`,
      ),
    });
  });

  it('rejects a query in a "use node" file and a variable missing from the deploy guide', async () => {
    const report = await check("node-builtin");
    expect(report.problems).toContainEqual({
      file: shown("node-builtin", "convex/digest.ts"),
      message: expect.stringContaining(
        `exports query "sha256", but a "use node" file may export only actions`,
      ),
    });
    expect(report.problems).toContainEqual({
      file: shown("node-builtin", "convex/lib/templates.ts"),
      message: expect.stringContaining("TEMPLATE_FILE, which has no row in"),
    });
  });

  it("exits with 1 and prints the file and the chain from the command line", async () => {
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const run = promisify(execFile)(process.execPath, [
      ...["--import", "tsx", cli],
      ...[
        "--convex-dir",
        path.join(fixture("node-builtin"), "convex"),
        "--docs",
        path.join(fixture("node-builtin"), "deploy.md"),
      ],
    ]);
    const failure = await run.then(
      () => expect.unreachable("deploy:check passed on a Node built-in in the default runtime"),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stdout).toMatch(/FAIL\s+runtimes/);
    expect(failure.stdout).toContain(
      `reaches the Node built-in "node:fs" through ${shown("node-builtin", "convex/lib/templates.ts")}`,
    );
  });
});
