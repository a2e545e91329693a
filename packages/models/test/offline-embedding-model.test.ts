import http from "node:http";
import { cosineSimilarity, embed, embedMany } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineEmbeddingModel } from "../src/index.ts";
import { forbidNetwork } from "./support/forbid-network.ts";

// The whole file runs with the network cut off, so the model must load from the installed package.
const network = forbidNetwork();
afterAll(() => network.restore());

const entry = offlineEmbeddingModel();
async function vectors(texts: string[]) {
  return (await embedMany({ model: entry.model, values: texts })).embeddings;
}

describe("the network guard this file relies on", () => {
  it("refuses fetch and sockets, and records them", async () => {
    const before = network.attempts.length;
    await expect(fetch("https://tfhub.dev/")).rejects.toThrow(/network access is forbidden/);
    await expect(
      new Promise((resolve, reject) => http.get("http://example.com/", resolve).on("error", reject)),
    ).rejects.toThrow(/network access is forbidden/);
    expect(network.attempts.length).toBe(before + 2);
    network.attempts.length = before;
  });
});

describe("offlineEmbeddingModel", () => {
  beforeAll(async () => {
    await vectors(["warm up"]); // the first call loads the model (about a second)
  }, 60_000);

  it("loads and embeds without any network access", () => {
    expect(network.attempts).toEqual([]);
  });

  it("returns 512-dimensional unit vectors, as announced", async () => {
    expect(entry.dimension).toBe(512);
    expect(entry.id).toBe("offline/universal-sentence-encoder-lite");
    const [vector] = await vectors(["Where is my order?"]);
    expect(vector).toHaveLength(512);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 4);
  });

  it("scores paraphrases clearly above unrelated support questions", async () => {
    const paraphrases: [string, string][] = [
      ["How do I reset my password?", "I forgot my password and can't log in"],
      ["Do you ship internationally?", "Do you deliver abroad?"],
      ["How do I return an item for a refund?", "Can I send this item back?"],
      ["Where is my order?", "When will my parcel be delivered?"],
    ];
    const unrelated: [string, string][] = [
      ["How do I reset my password?", "Do you deliver abroad?"],
      ["I want my money back", "What are your store opening hours?"],
      ["Can you deliver to Canada?", "I forgot my password and can't log in"],
    ];
    const score = async ([a, b]: [string, string]) => {
      const [x, y] = await vectors([a, b]);
      return cosineSimilarity(x!, y!);
    };
    const near = await Promise.all(paraphrases.map(score));
    const far = await Promise.all(unrelated.map(score));
    expect(Math.min(...near)).toBeGreaterThan(Math.max(...far) + 0.3);
  });

  it("ranks the matching FAQ entry first for reworded customer questions", async () => {
    const faq = [
      "Where is my order?",
      "How do I reset my password?",
      "What are your store opening hours?",
      "How do I return an item for a refund?",
      "Do you ship internationally?",
    ];
    const questions: [string, number][] = [
      ["My package still hasn't arrived", 0],
      ["I can't sign in to my account", 1],
      ["store opening hours", 2],
      ["are you open on sunday", 2],
      ["I want my money back", 3],
      ["Can you deliver to Canada?", 4],
    ];
    const faqVectors = await vectors(faq);
    const questionVectors = await vectors(questions.map(([q]) => q));
    const best = questionVectors.map((q) => {
      const scores = faqVectors.map((f) => cosineSimilarity(q, f));
      return faq[scores.indexOf(Math.max(...scores))];
    });
    expect(best).toEqual(questions.map(([, answer]) => faq[answer]));
  });

  it("embeds empty text, alone or in a batch, as the same unit vector", async () => {
    const [alone] = await vectors([""]);
    const [, inBatch] = await vectors(["Where is my order?", ""]);
    expect(Math.hypot(...alone!)).toBeCloseTo(1, 4);
    expect(cosineSimilarity(alone!, inBatch!)).toBeCloseTo(1, 5);
    expect((await entry.model.doEmbed({ values: [] })).embeddings).toEqual([]);
  });

  it("splits embedMany into batches and gives the same vectors as one text at a time", async () => {
    const batched = offlineEmbeddingModel({ maxEmbeddingsPerCall: 4 });
    const texts = Array.from({ length: 9 }, (_, i) => `Order ${i + 1} was shipped to the wrong address`);
    const { embeddings } = await embedMany({ model: batched.model, values: texts });
    expect(batched.stats).toMatchObject({ calls: 3, values: 9 });
    const { embedding: single } = await embed({ model: batched.model, value: texts[7]! });
    expect(cosineSimilarity(single, embeddings[7]!)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(embeddings[0]!, embeddings[7]!)).toBeLessThan(0.9999);
  });
});
