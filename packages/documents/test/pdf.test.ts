import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it, vi } from "vitest";
import { chunkDocument, contentHash, extractDocument } from "../src/index.ts";
import { expectDocumentError } from "./helpers.ts";
import { makeGuidePdf, makeImageOnlyPdf, makePdf } from "./fixtures/make-pdf.ts";

const RETURNS_PAGES = [
  {
    heading: "Returns policy",
    paragraphs: [
      "We accept returns of unworn items within 30 days of delivery. Items marked Final sale cannot be returned.",
      "Refunds go back to the original payment method within 5–10 business days — café gift cards excepted.",
    ],
  },
  { paragraphs: ["Exchanges ship free of charge once the return is scanned at the warehouse."] },
  { heading: "Contact", paragraphs: ["Email support@acme.example or call +1 555 0100, Monday to Friday."] },
];

describe("pdf", () => {
  it("extracts each page's text with its page number, paragraphs kept apart", async () => {
    const bytes = await makePdf(RETURNS_PAGES, { title: "Acme Returns" });
    const doc = await extractDocument(bytes, { fileName: "returns.pdf" });
    expect(doc.format).toBe("pdf");
    expect(doc.title).toBe("Acme Returns");
    expect(doc.pageCount).toBe(3);
    expect(doc.warnings).toEqual([]);
    expect(doc.sections.map((s) => ({ ...s, text: "…" }))).toEqual([
      { headingPath: [], page: 1, text: "…" },
      { headingPath: [], page: 2, text: "…" },
      { headingPath: [], page: 3, text: "…" },
    ]);
    // pdfkit wraps long lines; the line breaks are layout, the blank lines paragraph ends.
    const paragraphs = (page: number) =>
      doc.sections[page - 1]?.text.split("\n\n").map((p) => p.replace(/\n/g, " "));
    expect(paragraphs(1)).toEqual([
      "Returns policy We accept returns of unworn items within 30 days of delivery. Items marked Final sale cannot be returned.",
      "Refunds go back to the original payment method within 5–10 business days — café gift cards excepted.",
    ]);
    expect(paragraphs(2)).toEqual([
      "Exchanges ship free of charge once the return is scanned at the warehouse.",
    ]);
    expect(doc.sections[2]?.text).toBe(
      "Contact\nEmail support@acme.example or call +1 555 0100, Monday to Friday.",
    );
  });

  it("works offline: no fetch for fonts (Helvetica is not embedded), CMaps or a worker", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("no network in this test"));
    try {
      const doc = await extractDocument(await makePdf(RETURNS_PAGES), { fileName: "returns.pdf" });
      expect(doc.sections).toHaveLength(3);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("takes the title from the first line when the metadata has none", async () => {
    const doc = await extractDocument(await makePdf(RETURNS_PAGES), { fileName: "scan_0042.pdf" });
    expect(doc.title).toBe("Returns policy");
  });

  it("falls back to the file name when the first line is a sentence", async () => {
    const doc = await extractDocument(await makePdf([{ paragraphs: ["Thanks for your order."] }]), {
      fileName: "receipt.pdf",
    });
    expect(doc.title).toBe("receipt");
  });

  it("chunks a long PDF page by page, every chunk citing its page and within the size limit", async () => {
    const doc = await extractDocument(await makeGuidePdf(12), { fileName: "guide.pdf" });
    expect(doc.pageCount).toBe(12);
    const chunks = chunkDocument(doc, { targetChars: 600, maxChars: 900, overlapChars: 100 });
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i + 1)));
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(900);
      expect(chunk.text.startsWith("Acme Outfitters Support Guide\n\n")).toBe(true);
    }
    const page7 = chunks
      .filter((c) => c.page === 7)
      .map((c) => c.text)
      .join(" ");
    expect(page7).toContain("(page 7)");
    expect(page7).not.toContain("(page 8)");
  });

  it("lists pages without text in a warning and keeps the others", async () => {
    const bytes = await makePdf([
      { paragraphs: ["Page one text."] },
      { paragraphs: [] },
      { paragraphs: [] },
      { paragraphs: ["Page four text."] },
    ]);
    const doc = await extractDocument(bytes, { fileName: "mixed.pdf" });
    expect(doc.sections.map((s) => s.page)).toEqual([1, 4]);
    expect(doc.pageCount).toBe(4);
    expect(doc.warnings).toEqual([
      "Pages 2–3 have no text that can be extracted (scanned images are not read).",
    ]);
  });

  it("says a scanned PDF (images only) has no extractable text", async () => {
    const error = await expectDocumentError(
      extractDocument(await makeImageOnlyPdf(2), { fileName: "scan.pdf" }),
      "empty",
    );
    expect(error.message).toBe(
      '"scan.pdf" has no text that can be extracted. It may be a scanned document; text inside images is not read.',
    );
  });

  it("refuses a password-protected PDF with a clear message, keeping pdf.js's error as the cause", async () => {
    const bytes = await makePdf(RETURNS_PAGES, { userPassword: "s3cret" });
    const error = await expectDocumentError(
      extractDocument(bytes, { fileName: "locked.pdf" }),
      "unsupported",
    );
    expect(error.message).toBe(
      '"locked.pdf" is password-protected. Remove the password (for example, save or print it as a new PDF) and upload it again.',
    );
    expect((error.cause as Error).name).toBe("PasswordException");
    // The fixture really is an encrypted PDF, not a broken one: pdf.js opens it with the password.
    const unlocked = await getDocumentProxy(bytes.slice(), { password: "s3cret", verbosity: 0 });
    expect((await extractText(unlocked, { mergePages: true })).text).toContain("Returns policy");
    await unlocked.destroy();
  });

  it("refuses a truncated PDF (an upload cut off half way) as corrupt", async () => {
    const bytes = await makePdf(RETURNS_PAGES);
    for (const fraction of [0.5, 0.9, 0.99]) {
      const cut = bytes.slice(0, Math.floor(bytes.length * fraction));
      const error = await expectDocumentError(extractDocument(cut, { fileName: "cut.pdf" }), "corrupt");
      expect(error.message).toContain("is incomplete");
    }
  });

  it("refuses a malformed PDF (valid markers, broken structure) as corrupt with the parser's error as cause", async () => {
    const bytes = new TextEncoder().encode(
      "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF\n",
    );
    const error = await expectDocumentError(extractDocument(bytes, { fileName: "broken.pdf" }), "corrupt");
    expect(error.message).toBe('"broken.pdf" could not be read: the file is damaged or is not a valid PDF.');
    expect(error.cause).toBeDefined();
  });

  it("refuses a PDF whose bytes were overwritten in the middle", async () => {
    const bytes = await makePdf(RETURNS_PAGES);
    const damaged = bytes.slice();
    damaged.fill(0x20, 200, bytes.length - 200);
    await expectDocumentError(extractDocument(damaged, { fileName: "damaged.pdf" }), "corrupt");
  });

  it("refuses something else named .pdf", async () => {
    const html = new TextEncoder().encode("<html><body>Not found</body></html>");
    const error = await expectDocumentError(extractDocument(html, { fileName: "invoice.pdf" }), "corrupt");
    expect(error.message).toBe('"invoice.pdf" is not a PDF file (it does not start like one).');
  });

  it("leaves the caller's bytes as they were (pdf.js gets a copy)", async () => {
    const bytes = await makePdf(RETURNS_PAGES);
    const before = contentHash(bytes);
    await extractDocument(bytes, { fileName: "returns.pdf" });
    expect(bytes.length).toBeGreaterThan(0);
    expect(contentHash(bytes)).toBe(before);
  });
});
