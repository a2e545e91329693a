import { cosineSimilarity, embedMany } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { closeOfflineEmbeddingWorkers, offlineEmbeddingModel } from "../src/index.ts";
import { EmbeddingWorkerPool, splitByLength } from "../src/offline/embedding-worker-pool.ts";

describe("splitByLength", () => {
  it("keeps every text, in order, in slices of similar length", () => {
    const texts = ["a".repeat(100), "b", "c".repeat(50), "d".repeat(50), "e", "f".repeat(98)];
    const slices = splitByLength(texts, 2);
    expect(slices.flat()).toEqual(texts);
    expect(slices.map((s) => s.join("").length)).toEqual([151, 149]);
    expect(splitByLength(["only one"], 3).flat()).toEqual(["only one"]);
  });
});

describe("offlineEmbeddingModel({ workers })", () => {
  afterAll(() => closeOfflineEmbeddingWorkers());

  it("returns the main thread's vectors, in input order", async () => {
    const texts = Array.from({ length: 11 }, (_, i) => `Customer ${i} asks where order ${i * 7} is`);
    const pooled = offlineEmbeddingModel({ workers: 2 });
    const inline = offlineEmbeddingModel({ workers: 0 });
    expect(pooled.id).toBe(inline.id);
    expect(pooled.model.supportsParallelCalls).toBe(true);
    const [a, b] = await Promise.all([
      embedMany({ model: pooled.model, values: texts }),
      embedMany({ model: inline.model, values: texts }),
    ]);
    a.embeddings.forEach((vector, i) => expect(cosineSimilarity(vector, b.embeddings[i]!)).toBeCloseTo(1, 5));
  }, 60_000);
});

describe("EmbeddingWorkerPool", () => {
  const chunk = (i: number) =>
    `Order ${i} shipped from the Seattle warehouse on Monday; returns are accepted within 30 days. `.repeat(
      6,
    );

  it("embeds a question ahead of ingestion batches queued before it", async () => {
    const pool = new EmbeddingWorkerPool(1);
    try {
      await pool.embed(["warm up"]); // the model loads in the worker
      const finished: string[] = [];
      const batches = Array.from({ length: 4 }, (_, b) =>
        pool
          .embed(Array.from({ length: 16 }, (_, i) => chunk(b * 16 + i)))
          .then(() => finished.push(`batch ${b}`)),
      );
      const question = pool.embed(["where is my order?"]).then(() => finished.push("question"));
      await Promise.all([...batches, question]);
      // The worker was already busy with batch 0 when the question came; it is next after that.
      expect(finished).toEqual(["batch 0", "question", "batch 1", "batch 2", "batch 3"]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("embeds questions waiting together as one batch, each getting its own vector", async () => {
    const pool = new EmbeddingWorkerPool(1);
    const inline = offlineEmbeddingModel({ workers: 0 });
    try {
      const questions = Array.from({ length: 12 }, (_, i) => `Where is order ${1000 + i * 37}?`);
      // The first question occupies the worker; the other eleven wait and go as one batch.
      const pooled = await Promise.all(questions.map((q) => pool.embed([q])));
      const { embeddings } = await embedMany({ model: inline.model, values: questions });
      pooled.forEach(([vector], i) => expect(cosineSimilarity(vector!, embeddings[i]!)).toBeCloseTo(1, 5));
      // Different questions, different vectors: the slices were not shifted or repeated.
      expect(cosineSimilarity(pooled[1]![0]!, pooled[2]![0]!)).toBeLessThan(0.99);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("makes callers wait for room instead of queueing without bound", async () => {
    const pool = new EmbeddingWorkerPool(1, { maxQueued: 2 });
    try {
      let highest = 0;
      const calls = Array.from({ length: 6 }, (_, i) => {
        const call = pool.embed([`question ${i}`]);
        highest = Math.max(highest, pool.queued);
        return call;
      });
      const vectors = await Promise.all(calls);
      expect(highest).toBeLessThanOrEqual(2);
      expect(vectors.map((v) => v.length)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(pool.queued).toBe(0);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("rejects queued work with the cause once closed, and refuses new work", async () => {
    const pool = new EmbeddingWorkerPool(1);
    const pending = expect(pool.embed(["never embedded"])).rejects.toThrow(/closed/);
    await pool.close();
    await pending;
    await expect(pool.embed(["after"])).rejects.toThrow(/closed/);
  }, 60_000);
});
