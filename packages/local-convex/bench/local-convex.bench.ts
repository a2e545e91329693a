import { fileURLToPath } from "node:url";
import { defineSuite } from "@answerbase/bench";
import type { ConvexClient } from "convex/browser";
import { startTestDeployment, type TestDeployment } from "../src/testing/index.ts";
import { api } from "../test/fixture-app/convex/_generated/api.js";

const SUBSCRIBERS = 50;
const COUNTER = "bench";
const convexDir = fileURLToPath(new URL("../test/fixture-app/convex", import.meta.url));

interface Context {
  deployment: TestDeployment;
  writer: ConvexClient;
  /** The latest value each subscribed client has seen. */
  latest: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** A one-row table (a counter) watched by 50 WebSocket clients; one more client writes it. */
export default defineSuite<Context>({
  name: "local-convex",
  description: `Development server: ${SUBSCRIBERS} ConvexClients subscribed to a one-row table, in this process`,
  async setup() {
    const deployment = await startTestDeployment({ convexDir, crons: false });
    const latest = new Array<number>(SUBSCRIBERS).fill(-1);
    const ready: Promise<void>[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = deployment.client();
      ready.push(
        new Promise((resolve) => {
          client.onUpdate(api.counters.get, { name: COUNTER }, (value) => {
            latest[i] = value;
            resolve();
          });
        }),
      );
    }
    await Promise.all(ready);
    return { deployment, writer: deployment.client(), latest };
  },
  teardown: (c) => c.deployment.stop(),
  cases: [
    {
      kind: "latency",
      name: "mutation round-trip (ConvexClient, 50 subscribers)",
      iterations: 300,
      run: async (c) => {
        await c.writer.mutation(api.counters.increment, { name: COUNTER });
      },
    },
    {
      kind: "custom",
      name: "write -> all 50 subscribers updated",
      async measure(c) {
        const samples: number[] = [];
        for (let i = 0; i < 100; i++) {
          const started = performance.now();
          const value = await c.writer.mutation(api.counters.increment, { name: COUNTER });
          while (c.latest.some((v) => v < value)) await new Promise((resolve) => setImmediate(resolve));
          samples.push(performance.now() - started);
        }
        samples.sort((a, b) => a - b);
        return {
          writes: samples.length,
          p50Ms: round(percentile(samples, 50)),
          p95Ms: round(percentile(samples, 95)),
          maxMs: round(samples.at(-1) ?? 0),
        };
      },
    },
    {
      kind: "custom",
      name: "idle CPU (server + 51 idle clients, 5 s)",
      async measure() {
        const seconds = 5;
        const before = process.cpuUsage();
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        const used = process.cpuUsage(before);
        const cpuMs = (used.user + used.system) / 1000;
        return { seconds, cpuMs: round(cpuMs), percentOfOneCore: round((cpuMs / (seconds * 1000)) * 100) };
      },
    },
    {
      kind: "custom",
      name: "50 concurrent increments of one counter (OCC conflicts and retries)",
      async measure(c) {
        const stats = () =>
          c.deployment.engine.occStats()["counters:increment"] ?? { conflicts: 0, retries: 0, failed: 0 };
        const before = stats();
        const started = performance.now();
        const results = await Promise.all(
          Array.from({ length: 50 }, () =>
            c.deployment.engine.run("mutation", "counters:increment", { name: "hot" }, null, {
              caller: "client",
            }),
          ),
        );
        const after = stats();
        return {
          writers: results.length,
          failedCalls: results.filter((r) => !r.ok).length,
          conflicts: after.conflicts - before.conflicts,
          retries: after.retries - before.retries,
          allCommittedMs: round(performance.now() - started),
        };
      },
    },
  ],
});
