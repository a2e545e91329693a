import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { stoppable } from "../src/stoppable-child.ts";

/** A Node child that says "ready" once its SIGTERM handler (if any) is installed, then idles. */
function idleChild(onSigterm: "exit" | "ignore") {
  const script = `${onSigterm === "ignore" ? "process.on('SIGTERM', () => {});" : ""}
    console.log("ready"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return { child, ready };
}

describe("a stoppable child process", () => {
  it("ends on SIGTERM and reports that it was ended by a signal", async () => {
    const { child, ready } = idleChild("exit");
    const running = stoppable(child, 10_000);
    await ready;
    await running.stop();
    expect(child.signalCode).toBe("SIGTERM");
    expect(await running.exited).toBeNull();
  });

  it("is killed when it ignores SIGTERM", async () => {
    const { child, ready } = idleChild("ignore");
    const running = stoppable(child, 200);
    await ready;
    await running.stop();
    expect(child.signalCode).toBe("SIGKILL");
  });

  it("reports the exit code of a process that ended by itself, and stopping it again is a no-op", async () => {
    const running = stoppable(spawn(process.execPath, ["-e", "process.exit(3)"]), 10_000);
    expect(await running.exited).toBe(3);
    await running.stop();
  });

  it("reports a process that could not start as ended", async () => {
    const running = stoppable(spawn("/nonexistent/answerbase-binary"), 10_000);
    expect(await running.exited).toBeNull();
  });
});
