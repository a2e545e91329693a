import { describe, expect, it } from "vitest";
import { detectFormat } from "../src/index.ts";
import { expectDocumentError } from "./helpers.ts";

describe("detectFormat", () => {
  it.each([
    ["notes.txt", "txt"],
    ["README.md", "md"],
    ["guide.markdown", "md"],
    ["faq.html", "html"],
    ["FAQ.HTM", "html"],
    ["products.csv", "csv"],
    ["export.tsv", "csv"],
    ["Returns Policy (final).PDF", "pdf"],
    ["C:\\Users\\ana\\Desktop\\policy.pdf", "pdf"],
  ] as const)("%s → %s", (fileName, format) => {
    expect(detectFormat(fileName)).toBe(format);
  });

  it("trusts the extension over a generic or conflicting content type", () => {
    expect(detectFormat("policy.pdf", "application/octet-stream")).toBe("pdf");
    expect(detectFormat("faq.md", "text/plain")).toBe("md");
  });

  it("falls back to the content type (parameters ignored) when the name has no known extension", () => {
    expect(detectFormat("upload", "text/html; charset=utf-8")).toBe("html");
    expect(detectFormat("blob", "application/pdf")).toBe("pdf");
    expect(detectFormat("data.export", "text/csv")).toBe("csv");
  });

  it("refuses other types with a message naming the extension and what is accepted", async () => {
    const error = await expectDocumentError(() => detectFormat("contract.docx"), "unsupported");
    expect(error.message).toContain(".docx files are not supported");
    for (const accepted of ["PDF", ".txt", ".md", ".html", ".csv"]) expect(error.message).toContain(accepted);
  });

  it("names the file when it has no extension and no usable content type", async () => {
    const error = await expectDocumentError(
      () => detectFormat("README", "application/octet-stream"),
      "unsupported",
    );
    expect(error.message).toContain('"README" is not supported');
  });
});
