import { cosineSimilarity, embedMany } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { closeOfflineEmbeddingWorkers, offlineEmbeddingModel } from "../src/index.ts";
import { splitByLength } from "../src/offline/embedding-worker-pool.ts";

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
    const inline = offlineEmbeddingModel();
    expect(pooled.id).toBe(inline.id);
    const [a, b] = await Promise.all([
      embedMany({ model: pooled.model, values: texts }),
      embedMany({ model: inline.model, values: texts }),
    ]);
    a.embeddings.forEach((vector, i) => expect(cosineSimilarity(vector, b.embeddings[i]!)).toBeCloseTo(1, 5));
  }, 60_000);
});
