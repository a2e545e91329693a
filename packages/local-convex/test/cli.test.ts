import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  envCommand,
  logsCommand,
  runCommand,
  watchCommand,
  type Target,
} from "../src/cli/client-commands.ts";
import type { LogEntry } from "../src/index.ts";
import type { TestDeployment } from "../src/testing/index.ts";
import { startFixture } from "./fixture.ts";

let d: TestDeployment;
let target: Target;
beforeAll(async () => {
  d = await startFixture({ persist: true });
  target = { url: d.url, adminKey: d.adminKey };
});
afterAll(() => d.stop());

describe("CLI commands against a running deployment", () => {
  it("env set/get/list/remove, seen by functions through process.env", async () => {
    expect(await envCommand(target, "set", "GREETING", "hej")).toBe("Successfully set GREETING");
    expect(await envCommand(target, "get", "GREETING")).toBe("hej");
    expect(await envCommand(target, "list")).toContain("GREETING=hej");
    expect(JSON.parse(await runCommand(target, "settings:greeting"))).toBe("hej");
    expect(await envCommand(target, "remove", "GREETING")).toBe("Successfully unset GREETING");
    await expect(envCommand(target, "get", "GREETING")).rejects.toThrow(/not found/);
    await expect(envCommand(target, "set", "1bad", "x")).rejects.toThrow(/Invalid environment variable name/);
  });

  it("run --watch prints a query's result again when it changes", async () => {
    const printed: string[] = [];
    const stop = new AbortController();
    const watching = watchCommand(
      target,
      "counters:get",
      '{"name":"watched"}',
      (text) => printed.push(text),
      {
        signal: stop.signal,
        intervalMs: 20,
      },
    );
    await expect.poll(() => printed.length).toBe(1);
    await runCommand(target, "counters:bumpInternal", '{"name":"watched"}');
    await expect.poll(() => printed.at(-1)).toBe("1");
    stop.abort();
    await watching;
    expect(printed).toEqual([printed[0], "1"]);
  });

  it("run calls public and internal functions with JSON args, like `npx convex run`", async () => {
    expect(JSON.parse(await runCommand(target, "counters:bumpInternal", '{"name":"cli"}'))).toBe(1);
    expect(JSON.parse(await runCommand(target, "counters:get", '{"name":"cli"}'))).toBe(1);
    await expect(runCommand(target, "counters:bumpInternal", "{}")).rejects.toThrow(
      /ArgumentValidationError/,
    );
    await expect(
      runCommand({ ...target, adminKey: "wrong" }, "counters:get", '{"name":"cli"}'),
    ).rejects.toThrow(/401/);
    // Without the admin key, internal functions are invisible, as for any client.
    const anonymous = await fetch(`${d.url}/api/function`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "counters:bumpInternal", args: { name: "cli" } }),
    });
    expect(anonymous.status).toBe(560);
    expect(((await anonymous.json()) as { errorMessage: string }).errorMessage).toMatch(
      /Could not find public function/,
    );
  });

  it("logs streams function calls with their console output", async () => {
    const lines: string[] = [];
    const entries: LogEntry[] = [];
    d.logs.on("entry", (e) => entries.push(e));
    const streaming = logsCommand(target, false, (line) => lines.push(line)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runCommand(target, "settings:greeting");
    for (let i = 0; i < 100 && !lines.some((l) => l.includes("reading GREETING")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(
      lines.some(
        (l) => l.includes("LOG") && l.includes("settings:greeting") && l.includes("reading GREETING"),
      ),
    ).toBe(true);
    expect(entries.some((e) => e.level === "CALL" && e.udfPath === "settings:greeting")).toBe(true);
    void streaming;
  });
});
