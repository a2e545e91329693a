/**
 * `pnpm bench models`: embedding throughput (texts/s) and peak memory of the test embedder and the
 * offline model, by text length, batch size and worker threads. Every case runs in a fresh Node process
 * so that its peak RSS is its own; `load1` is the machine's 1-minute load average when the case ended
 * (other work on a 2-core machine shows up directly in the offline numbers; `cpuMsPerText`, CPU time of all
 * the process's threads per text, does not depend on it).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defineSuite, type CustomCase } from "@answerbase/bench";
import { averageWords, TEXT_KINDS } from "./bench-texts.ts";
import type { RunConfig } from "./embed-run.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

async function measure(config: RunConfig) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "bench/embed-run.ts", JSON.stringify(config)],
    {
      cwd: packageDir,
      maxBuffer: 1 << 20,
    },
  );
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    textsPerSecond: number;
    cpuMsPerText: number;
    loadMs: number;
    peakRssMB: number;
  };
  return {
    words: Math.round(averageWords(TEXT_KINDS[config.kind](config.texts))),
    batch: config.batch,
    workers: config.workers ?? 0,
    texts: config.texts,
    textsPerSec: Math.round(result.textsPerSecond * 10) / 10,
    msPerText: Math.round((1000 / result.textsPerSecond) * 100) / 100,
    cpuMsPerText: Math.round(result.cpuMsPerText * 100) / 100,
    firstCallMs: Math.round(result.loadMs),
    peakRssMB: Math.round(result.peakRssMB),
    load1: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

function benchCase(name: string, config: RunConfig): CustomCase<unknown> {
  return { kind: "custom", name, measure: () => measure(config) };
}

const BATCHES = [1, 16, 64] as const;
const cases: CustomCase<unknown>[] = [];
for (const kind of ["sentences", "queries"] as const)
  for (const batch of BATCHES)
    cases.push(
      benchCase(`test embedder, ${kind}, batch ${batch}`, { model: "test", kind, batch, texts: 20_000 }),
    );
for (const kind of ["sentences", "queries"] as const)
  for (const batch of BATCHES)
    for (const workers of [0, 2])
      cases.push(
        benchCase(`offline, ${kind}, batch ${batch}, ${workers ? `${workers} workers` : "main thread"}`, {
          model: "offline",
          kind,
          batch,
          workers,
          texts: kind === "sentences" ? 256 : 1024,
        }),
      );
cases.push(
  benchCase("offline, sentences, batch 32 (the default), main thread", {
    model: "offline",
    kind: "sentences",
    batch: 32,
    texts: 256,
  }),
);
for (const workers of [0, 2])
  cases.push(
    benchCase(`offline, ~150-word chunks, batch 16, ${workers ? `${workers} workers` : "main thread"}`, {
      model: "offline",
      kind: "chunks",
      batch: 16,
      workers,
      texts: 64,
    }),
  );

export default defineSuite({
  name: "models",
  description: "Embedding models: texts/s and peak RSS by text length, batch size and worker threads",
  setup: () => Promise.resolve({}),
  cases,
});
