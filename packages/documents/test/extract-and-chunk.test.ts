import { afterAll, describe, expect, it } from "vitest";
import { chunkDocument, closeExtractionWorkers, extractAndChunk, extractDocument } from "../src/index.ts";
import { ExtractionWorkerPool } from "../src/worker/extraction-worker-pool.ts";
import { makeGuidePdf } from "./fixtures/make-pdf.ts";
import { expectDocumentError, fixture, utf8 } from "./helpers.ts";

describe("extractAndChunk", () => {
  afterAll(() => closeExtractionWorkers());

  it("gives in a worker what extractDocument and chunkDocument give on the calling thread", async () => {
    for (const [name, bytes] of [
      ["support-faq.md", await fixture("support-faq.md")],
      ["support-faq.html", await fixture("support-faq.html")],
      ["guide.pdf", await makeGuidePdf(12)],
    ] as const) {
      const extracted = await extractDocument(bytes, { fileName: name });
      const inThread = { extracted, chunks: chunkDocument(extracted, { targetChars: 400 }) };
      const pooled = await extractAndChunk(bytes, {
        fileName: name,
        chunkOptions: { targetChars: 400 },
        workers: 2,
      });
      expect(pooled).toEqual(inThread);
      expect(pooled.chunks.length).toBeGreaterThan(1);
    }
  }, 60_000);

  it("throws the same DocumentError from a worker, and leaves the caller's bytes alone", async () => {
    const bytes = utf8("%PDF-1.7 this is not a PDF");
    const copy = bytes.slice();
    const error = await expectDocumentError(
      extractAndChunk(bytes, { fileName: "x.pdf", workers: 2 }),
      "corrupt",
    );
    expect(error.message).toContain('"x.pdf"');
    expect(bytes).toEqual(copy);
    await expectDocumentError(
      extractAndChunk(utf8("a"), { fileName: "a.txt", maxBytes: 0, workers: 2 }),
      "too_large",
    );
  }, 60_000);
});

describe("ExtractionWorkerPool", () => {
  it("keeps the calling thread free while a large file is parsed", async () => {
    const pool = new ExtractionWorkerPool(1);
    try {
      await pool.extract(utf8("# warm up\n\nthe parsers load"), { fileName: "w.md" });
      const markdown = utf8(
        Array.from(
          { length: 4_000 },
          (_, i) => `## Section ${i}\n\nReturns within *30 days*, [see](x).\n`,
        ).join("\n"),
      );
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const started = performance.now();
      const { chunks } = await pool.extract(markdown, { fileName: "big.md" });
      const elapsed = performance.now() - started;
      clearInterval(timer);
      expect(chunks.length).toBeGreaterThan(1_000);
      // On the calling thread the timer could not fire until the parse was done (one tick at most);
      // here it keeps firing while the worker parses.
      expect(ticks).toBeGreaterThan(Math.min(5, elapsed / 10));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("makes callers wait for room instead of queueing without bound", async () => {
    const pool = new ExtractionWorkerPool(1, { maxQueued: 2 });
    try {
      let highest = 0;
      const calls = Array.from({ length: 6 }, (_, i) => {
        const call = pool.extract(utf8(`# File ${i}\n\nText ${i}.`), { fileName: `f${i}.md` });
        highest = Math.max(highest, pool.queued);
        return call;
      });
      const results = await Promise.all(calls);
      expect(highest).toBeLessThanOrEqual(2);
      expect(results.map((r) => r.extracted.sections[0]?.headingPath)).toEqual(
        Array.from({ length: 6 }, (_, i) => [`File ${i}`]),
      );
    } finally {
      await pool.close();
    }
  }, 60_000);
});
