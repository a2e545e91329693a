import { describe, expect, it } from "vitest";
import {
  chunkDocument,
  extractDocument,
  type Chunk,
  type ExtractedDocument,
  type Section,
} from "../src/index.ts";
import { fixture } from "./helpers.ts";

/** Numbered sentences, so every word is findable and no two chunks are alike. */
function sentences(from: number, count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `Sentence ${from + i} explains how refunds for order ${1000 + from + i} reach the customer.`,
  ).join(" ");
}

function doc(sections: Section[], title = "Support guide"): ExtractedDocument {
  return { format: "md", title, sections, warnings: [] };
}

const body = (chunk: Chunk) => chunk.text.slice(chunk.text.indexOf("\n\n") + 2);

/** The longest suffix of `a` that `b` starts with. */
function overlapLength(a: string, b: string): number {
  for (let n = Math.min(a.length, b.length); n > 0; n--) if (b.startsWith(a.slice(a.length - n))) return n;
  return 0;
}

const LONG_SECTION: Section = {
  headingPath: ["Returns", "Refund timing"],
  text: Array.from({ length: 12 }, (_, p) => sentences(p * 6, 6)).join("\n\n"),
};

describe("chunkDocument", () => {
  const chunks = chunkDocument(doc([LONG_SECTION]));

  it("prefixes every chunk with its heading path and keeps the path", () => {
    for (const chunk of chunks) {
      expect(chunk.text.startsWith("Returns > Refund timing\n\n")).toBe(true);
      expect(chunk.headingPath).toEqual(["Returns", "Refund timing"]);
    }
  });

  it("packs whole paragraphs to about targetChars and never past maxChars", () => {
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(1500);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text.length).toBeGreaterThan(500);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
  });

  it("overlaps consecutive chunks by about overlapChars, starting at a sentence", () => {
    for (let i = 1; i < chunks.length; i++) {
      const overlap = overlapLength(body(chunks[i - 1]!), body(chunks[i]!));
      expect(overlap).toBeGreaterThanOrEqual(75);
      expect(overlap).toBeLessThanOrEqual(225);
      expect(body(chunks[i]!)).toMatch(/^Sentence \d+ /);
    }
  });

  it("cuts only between words and loses no text", () => {
    for (const chunk of chunks) {
      const text = body(chunk);
      const at = LONG_SECTION.text.indexOf(text);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at === 0 || /\s/.test(LONG_SECTION.text[at - 1]!)).toBe(true);
      const end = at + text.length;
      expect(end === LONG_SECTION.text.length || /\s/.test(LONG_SECTION.text[end]!)).toBe(true);
    }
    const covered = new Set(chunks.flatMap((c) => body(c).match(/\d+/g) ?? []));
    for (const number of LONG_SECTION.text.match(/\d+/g) ?? []) expect(covered).toContain(number);
  });

  it("splits a paragraph longer than the target at sentence ends", () => {
    const oneParagraph = chunkDocument(doc([{ headingPath: ["FAQ"], text: sentences(0, 40) }]), {
      targetChars: 400,
      maxChars: 600,
      overlapChars: 60,
    });
    expect(oneParagraph.length).toBeGreaterThan(6);
    for (const chunk of oneParagraph) {
      expect(chunk.text.length).toBeLessThanOrEqual(600);
      expect(chunk.text).toMatch(/customer\.$/);
    }
  });

  it("falls back to words for a sentence longer than the target, and cuts only a word longer than a chunk", () => {
    const runOn = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
    const url = `https://acme.example/track?id=${"x".repeat(2000)}`;
    const result = chunkDocument(doc([{ headingPath: [], text: `${runOn}\n\n${url}` }]));
    for (const chunk of result) expect(chunk.text.length).toBeLessThanOrEqual(1500);
    for (const chunk of result.filter((c) => !c.text.includes("https"))) {
      expect(body(chunk)).toMatch(/^(word\d+ )*word\d+$|^x+$/);
    }
    // The URL is one word: "track?id=" is not a sentence end, and only its 2,000 x's are cut.
    expect(result.find((c) => c.text.includes("https"))?.text).toContain(
      "https://acme.example/track?id=xxxx",
    );
    expect(result.filter((c) => c.text.includes("xxxx")).length).toBeGreaterThanOrEqual(2);
  });

  it("never lets a chunk span two sections, and prefixes a section without headings with the title", () => {
    const result = chunkDocument(
      doc([
        { headingPath: [], text: "Welcome to the help center.", page: 1 },
        { headingPath: ["Shipping"], text: "Orders ship in one day.", page: 2 },
      ]),
    );
    expect(result).toEqual([
      { index: 0, headingPath: [], page: 1, text: "Support guide\n\nWelcome to the help center." },
      { index: 1, headingPath: ["Shipping"], page: 2, text: "Shipping\n\nOrders ship in one day." },
    ]);
  });

  it("shortens a very deep or long heading path from the top, keeping the innermost heading", () => {
    const path = Array.from({ length: 12 }, (_, i) => `Level ${i + 1} heading with a fairly long name`);
    const [chunk] = chunkDocument(doc([{ headingPath: path, text: "Deep text." }]), {
      targetChars: 400,
      maxChars: 600,
      overlapChars: 50,
    });
    const prefix = chunk!.text.split("\n\n")[0]!;
    expect(prefix.length).toBeLessThanOrEqual(150);
    expect(prefix).toMatch(/^… > .* > Level 12 heading with a fairly long name$/);
    expect(chunk!.headingPath).toEqual(path);
  });

  it("is deterministic: same document, same chunks", async () => {
    const bytes = await fixture("support-faq.md");
    const first = chunkDocument(await extractDocument(bytes, { fileName: "support-faq.md" }));
    const second = chunkDocument(await extractDocument(bytes, { fileName: "support-faq.md" }));
    expect(second).toEqual(first);
    expect(chunkDocument(doc([LONG_SECTION]))).toEqual(chunks);
  });

  it("makes one self-contained chunk per FAQ answer", async () => {
    const faq = await extractDocument(await fixture("support-faq.md"), { fileName: "support-faq.md" });
    const result = chunkDocument(faq);
    expect(result).toHaveLength(faq.sections.length);
    expect(result[4]?.text).toMatch(
      /^Acme Outfitters Help Center > Returns > Refund timing\n\nRefunds go back to the original payment method/,
    );
  });

  it("refuses inconsistent options", () => {
    const extracted = doc([LONG_SECTION]);
    expect(() => chunkDocument(extracted, { targetChars: 1000, maxChars: 800 })).toThrow(RangeError);
    expect(() => chunkDocument(extracted, { overlapChars: 600 })).toThrow(RangeError);
    expect(() => chunkDocument(extracted, { targetChars: 10 })).toThrow(RangeError);
  });
});
