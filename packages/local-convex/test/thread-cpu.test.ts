import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { threadCpuMs } from "../src/limits/thread-cpu.ts";

// A fixed amount of work, not a wall-clock span: a loaded machine stretches time, not work.
const ITERATIONS = 100_000_000;
const BURN = `let x = 0; for (let i = 0; i < ${ITERATIONS}; i++) x = (x + i) % 1_000_003;`;

function burn(): number {
  let x = 0;
  for (let i = 0; i < ITERATIONS; i++) x = (x + i) % 1_000_003;
  return x;
}

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe("a transaction's CPU clock", () => {
  it("counts what this thread burns", () => {
    const before = threadCpuMs();
    burn();
    expect(threadCpuMs() - before).toBeGreaterThanOrEqual(100);
  });

  it("does not count a worker thread burning CPU meanwhile (the process clock does)", async () => {
    const thread = threadCpuMs();
    const processed = processCpuMs();
    const worker = new Worker(`${BURN} require("node:worker_threads").parentPort.postMessage(x);`, {
      eval: true,
    });
    await new Promise((resolve) => worker.once("message", resolve));
    await worker.terminate();
    const threadSpent = threadCpuMs() - thread;
    expect(processCpuMs() - processed).toBeGreaterThanOrEqual(100);
    expect(threadSpent).toBeLessThan(50);
  });
});
