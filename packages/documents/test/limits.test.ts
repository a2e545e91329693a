import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, DocumentError, extractDocument, isDocumentError } from "../src/index.ts";
import { expectDocumentError, utf8 } from "./helpers.ts";

describe("limits and refusals common to every format", () => {
  it.each(["notes.txt", "faq.md", "faq.html", "products.csv", "guide.pdf"])(
    "an empty %s is empty",
    async (fileName) => {
      const error = await expectDocumentError(extractDocument(new Uint8Array(), { fileName }), "empty");
      expect(error.message).toBe(`"${fileName}" is empty.`);
    },
  );

  it.each([
    ["notes.txt", " \r\n\t\n"],
    ["faq.md", "---\ntitle: Draft\n---\n\n<!-- nothing yet -->\n\n![logo](logo.png)\n"],
    ["faq.html", "<html><head><title>Soon</title><script>x()</script></head><body> </body></html>"],
    ["products.csv", "\uFEFF\n\n"],
  ])("%s with no text is empty", async (fileName, content) => {
    const error = await expectDocumentError(extractDocument(utf8(content), { fileName }), "empty");
    expect(error.message).toBe(`"${fileName}" has no text.`);
  });

  it("refuses a file over 20 MB by default, before parsing it", async () => {
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
    // Not a PDF at all: refusing it as too large shows the size is checked first.
    const huge = new Uint8Array(DEFAULT_MAX_BYTES + 1);
    const error = await expectDocumentError(extractDocument(huge, { fileName: "manual.pdf" }), "too_large");
    expect(error.message).toBe('"manual.pdf" is 20.0 MB; the limit is 20 MB. Split it into smaller files.');
  });

  it("takes a smaller limit per call", async () => {
    const text = utf8("Shipping\n\n" + "Orders ship in one day. ".repeat(500));
    const error = await expectDocumentError(
      extractDocument(text, { fileName: "big.txt", maxBytes: 4096 }),
      "too_large",
    );
    expect(error.message).toBe('"big.txt" is 11.7 KB; the limit is 4 KB. Split it into smaller files.');
  });

  it("accepts a file exactly at the limit", async () => {
    const text = utf8("Shipping\n\nOrders ship in one day.");
    const doc = await extractDocument(text, { fileName: "ok.txt", maxBytes: text.length });
    expect(doc.sections[0]?.text).toBe("Orders ship in one day.");
  });

  it("refuses an unsupported type before looking at the bytes", async () => {
    const error = await expectDocumentError(
      extractDocument(utf8("PK…"), {
        fileName: "handbook.docx",
        contentType: "application/vnd.openxmlformats",
      }),
      "unsupported",
    );
    expect(error.message).toContain(".docx files are not supported");
  });

  it("gives errors a code, a user message and a JSON form without the cause", async () => {
    const error = await expectDocumentError(extractDocument(new Uint8Array(), { fileName: "a.md" }), "empty");
    expect(isDocumentError(error)).toBe(true);
    expect(isDocumentError(new Error("x"))).toBe(false);
    expect(error).toBeInstanceOf(DocumentError);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: "empty", message: '"a.md" is empty.' });
  });
});
