/**
 * One measurement in a fresh process, so that peak RSS belongs to this configuration alone:
 * `node --import tsx bench/embed-run.ts '{"model":"offline","kind":"sentences","batch":16,"texts":256,"workers":0}'`
 * prints `{ textsPerSecond, cpuMsPerText, loadMs, peakRssMB }` as JSON. CPU time is load-independent: it
 * shows what workers cost even when a busy machine hides what they gain.
 */
import { performance } from "node:perf_hooks";
import { embedMany } from "ai";
import { closeOfflineEmbeddingWorkers, offlineEmbeddingModel, testEmbeddingModel } from "../src/index.ts";
import { TEXT_KINDS, type TextKind } from "./bench-texts.ts";

export interface RunConfig {
  model: "test" | "offline";
  kind: TextKind;
  batch: number;
  texts: number;
  workers?: number;
}

const config = JSON.parse(process.argv[2] ?? "{}") as RunConfig;
const entry =
  config.model === "test"
    ? testEmbeddingModel({ maxEmbeddingsPerCall: config.batch })
    : offlineEmbeddingModel({ maxEmbeddingsPerCall: config.batch, workers: config.workers ?? 0 });
const texts = TEXT_KINDS[config.kind](config.texts);

// The first call loads the model (in every worker, when there are workers: one text per worker).
const loadStart = performance.now();
await embedMany({ model: entry.model, values: texts.slice(0, Math.max(1, config.workers ?? 1)) });
const loadMs = performance.now() - loadStart;

const cpuStart = process.cpuUsage(); // all threads of the process, workers included
const start = performance.now();
const { embeddings } = await embedMany({ model: entry.model, values: texts });
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
if (embeddings.length !== texts.length || embeddings[0]?.length !== entry.dimension)
  throw new Error(`expected ${texts.length} vectors of ${entry.dimension}`);

await closeOfflineEmbeddingWorkers();
console.log(
  JSON.stringify({
    textsPerSecond: texts.length / seconds,
    cpuMsPerText: (cpu.user + cpu.system) / 1000 / texts.length,
    loadMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
