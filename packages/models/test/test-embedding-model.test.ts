import { cosineSimilarity, embed, embedMany } from "ai";
import { describe, expect, it } from "vitest";
import { RAG_DIMENSIONS, testEmbeddingModel } from "../src/index.ts";

async function embedAll(texts: string[], entry = testEmbeddingModel()) {
  const { embeddings } = await embedMany({ model: entry.model, values: texts });
  return embeddings;
}

describe("testEmbeddingModel", () => {
  it("returns the same unit vector for the same text, across model instances", async () => {
    const [a] = await embedAll(["Where is my order #1042?"]);
    const [b] = await embedAll(["Where is my order #1042?"], testEmbeddingModel());
    expect(a).toEqual(b);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
  });

  it("ignores case, accents and punctuation", async () => {
    const [a, b] = await embedAll(["Café crème, please!", "cafe CREME please"]);
    expect(a).toEqual(b);
  });

  it("ranks texts that share words above unrelated texts", async () => {
    const [query, sharesWords, sharesStems, unrelated] = await embedAll([
      "refund for a damaged order",
      "how do I get a refund for my order",
      "refunds on damaged orders",
      "store opening hours on sunday",
    ]);
    const near = cosineSimilarity(query!, sharesWords!);
    const stems = cosineSimilarity(query!, sharesStems!);
    const far = cosineSimilarity(query!, unrelated!);
    expect(near).toBeGreaterThan(far + 0.2);
    expect(stems).toBeGreaterThan(far + 0.2);
    expect(Math.abs(far)).toBeLessThan(0.2);
  });

  it("has the dimension it announces, 256 by default, and any dimension rag accepts", async () => {
    const entry = testEmbeddingModel();
    expect(entry.dimension).toBe(256);
    expect(RAG_DIMENSIONS).toContain(entry.dimension);
    const [vector] = await embedAll(["hello"], entry);
    expect(vector).toHaveLength(256);

    const wide = testEmbeddingModel({ dimension: 1536 });
    const [wideVector] = await embedAll(["hello"], wide);
    expect(wideVector).toHaveLength(1536);
    expect(wide.id).not.toBe(entry.id);
    expect(() => testEmbeddingModel({ dimension: 300 as 256 })).toThrow(/dimension must be one of/);
  });

  it("gives empty and punctuation-only text a unit vector, not zeros", async () => {
    const [empty, dots] = await embedAll(["", "..."]);
    expect(Math.hypot(...empty!)).toBeCloseTo(1, 10);
    expect(dots).toEqual(empty);
  });

  it("counts calls and texts, batched by maxEmbeddingsPerCall", async () => {
    const entry = testEmbeddingModel({ maxEmbeddingsPerCall: 16 });
    expect(entry.stats).toMatchObject({ calls: 0, values: 0 });
    await embedMany({ model: entry.model, values: Array.from({ length: 40 }, (_, i) => `text ${i}`) });
    expect(entry.stats).toMatchObject({ calls: 3, values: 40 });
    await embed({ model: entry.model, value: "one more" });
    expect(entry.stats).toMatchObject({ calls: 4, values: 41 });
    entry.stats.reset();
    expect(entry.stats).toMatchObject({ calls: 0, values: 0 });
    expect(testEmbeddingModel().stats.calls).toBe(0);
  });

  it("works with embedMany and reports usage", async () => {
    const entry = testEmbeddingModel();
    const result = await embedMany({ model: entry.model, values: ["track my package", "store hours"] });
    expect(result.embeddings).toHaveLength(2);
    expect(result.usage.tokens).toBe(5);
  });
});
