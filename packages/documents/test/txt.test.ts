import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/index.ts";
import { expectDocumentError, utf8 } from "./helpers.ts";

const POLICY = [
  "Returns Policy",
  "",
  "We accept returns of unworn items within 30 days of delivery.",
  "Items marked Final sale cannot be returned.",
  "",
  "",
  "",
  "Refunds go back to the original payment method within 5–10 business days.   ",
].join("\r\n");

describe("plain text", () => {
  it("takes a short first line as the title and keeps the paragraphs under it", async () => {
    const doc = await extractDocument(utf8(POLICY), { fileName: "returns.txt" });
    expect(doc).toEqual({
      format: "txt",
      title: "Returns Policy",
      warnings: [],
      sections: [
        {
          headingPath: ["Returns Policy"],
          text:
            "We accept returns of unworn items within 30 days of delivery.\n" +
            "Items marked Final sale cannot be returned.\n\n" +
            "Refunds go back to the original payment method within 5–10 business days.",
        },
      ],
    });
  });

  it("uses the file name when the first line reads like a sentence", async () => {
    const text = "Thanks for shopping with us.\n\nReturns are free within 30 days.";
    const doc = await extractDocument(utf8(text), { fileName: "uploads/store-notes.txt" });
    expect(doc.title).toBe("store-notes");
    expect(doc.sections).toEqual([{ headingPath: [], text }]);
  });

  it("uses the file name when the first line runs into the next one", async () => {
    const doc = await extractDocument(utf8("Shipping\nWe ship worldwide."), { fileName: "shipping.txt" });
    expect(doc.title).toBe("shipping");
    expect(doc.sections[0]?.text).toBe("Shipping\nWe ship worldwide.");
  });

  it("strips a UTF-8 byte order mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Café hours\n\nOpen 9–5.")]);
    const doc = await extractDocument(bytes, { fileName: "hours.txt" });
    expect(doc.title).toBe("Café hours");
    expect(doc.sections[0]?.text).toBe("Open 9–5.");
  });

  it("reads UTF-16 text exported with a byte order mark (Excel's Unicode text)", async () => {
    const body = Buffer.from("Größe\tPreis\nM\t19 €", "utf16le");
    const doc = await extractDocument(new Uint8Array([0xff, 0xfe, ...body]), { fileName: "sizes.txt" });
    expect(doc.sections[0]?.text).toBe("Größe\tPreis\nM\t19 €");
  });

  it("reads text that is not UTF-8 as Windows-1252, with a warning", async () => {
    // "Café – 5 €" in Windows-1252: é = E9, en dash = 96, euro = 80.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]);
    const doc = await extractDocument(bytes, { fileName: "legacy.txt" });
    expect(doc.sections[0]?.text).toBe("Café – 5 €");
    expect(doc.warnings).toEqual([expect.stringContaining("Windows-1252")]);
  });

  it("refuses binary data named .txt as corrupt", async () => {
    const zip = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00,
    ]);
    const error = await expectDocumentError(extractDocument(zip, { fileName: "report.txt" }), "corrupt");
    expect(error.message).toBe(
      '"report.txt" does not contain text: it looks like a binary file. Check the file and its extension.',
    );
  });

  it("refuses random bytes even without NUL bytes", async () => {
    let seed = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % 255);
    });
    await expectDocumentError(extractDocument(noise, { fileName: "notes.txt" }), "corrupt");
  });

  it("refuses a UTF-8 byte order mark followed by invalid UTF-8", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69, 0xc3, 0x28]);
    await expectDocumentError(extractDocument(bytes, { fileName: "notes.txt" }), "corrupt");
  });
});
