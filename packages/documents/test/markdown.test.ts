import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/index.ts";
import { fixture, utf8 } from "./helpers.ts";

describe("markdown: the support FAQ fixture", async () => {
  const doc = await extractDocument(await fixture("support-faq.md"), { fileName: "support-faq.md" });
  const section = (...path: string[]) =>
    doc.sections.find((s) => s.headingPath.join(" > ") === path.join(" > "));

  it("takes the title from the front matter and leaves the front matter out of the text", () => {
    expect(doc.format).toBe("md");
    expect(doc.title).toBe("Acme Outfitters Help Center");
    expect(doc.sections.map((s) => s.text).join("\n")).not.toContain("updated:");
  });

  it("turns headings into heading paths, in order, dropping headings without text of their own", () => {
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ["Acme Outfitters Help Center"],
      ["Acme Outfitters Help Center", "Orders", "How do I track my order?"],
      ["Acme Outfitters Help Center", "Orders", "Can I change my shipping address?"],
      ["Acme Outfitters Help Center", "Returns"],
      ["Acme Outfitters Help Center", "Returns", "Refund timing"],
      ["Acme Outfitters Help Center", "Returns", "Return shipping"],
      ["Acme Outfitters Help Center", "For developers"],
    ]);
  });

  it("keeps link text and drops the markup", () => {
    expect(section("Acme Outfitters Help Center")?.text).toBe(
      "Answers to the questions our support team hears most. Still stuck? Email\n" +
        "support@acme.example and we reply within one business day.",
    );
    const tracking = section("Acme Outfitters Help Center", "Orders", "How do I track my order?")?.text;
    expect(tracking).toContain("open\nAccount > Orders and select");
    expect(tracking).toContain("the carrier's\ntracking page.");
    expect(tracking).not.toMatch(/\*\*|\]\(|https:/);
  });

  it("keeps tables as rows and ordered lists as numbered lines", () => {
    expect(section("Acme Outfitters Help Center", "Returns", "Refund timing")?.text).toContain(
      "Payment method | Refund arrives in\nCredit card | 5–7 business days\nPayPal | 3–5 business days\nGift card | immediately",
    );
    expect(section("Acme Outfitters Help Center", "Returns", "Return shipping")?.text).toBe(
      "1. Print the prepaid label from Account > Returns.\n" +
        "2. Pack the items with the packing slip.\n" +
        "3. Drop the parcel at any post office.\n\n" +
        "Return shipping costs $4.95, deducted from your refund; it is free for exchanges.",
    );
  });

  it("keeps code blocks verbatim: a # comment inside a fence is not a heading", () => {
    expect(section("Acme Outfitters Help Center", "For developers")?.text).toBe(
      "Our order API answers GET /orders/{id}:\n\n" +
        "# Fetch one order (replace the token)\n" +
        'curl -H "Authorization: Bearer $TOKEN" https://api.acme.example/orders/1001',
    );
  });

  it("leaves HTML comments out", () => {
    expect(JSON.stringify(doc)).not.toContain("internal note");
  });
});

describe("markdown details", () => {
  const extract = (markdown: string, fileName = "doc.md") => extractDocument(utf8(markdown), { fileName });

  it("reads setext headings, decodes entities in text and keeps code spans literal", async () => {
    const doc = await extract(
      "Shipping &amp; Returns\n======================\n\nUse `a &amp; b` &mdash; or not.\n",
    );
    expect(doc.title).toBe("Shipping & Returns");
    expect(doc.sections).toEqual([{ headingPath: ["Shipping & Returns"], text: "Use a &amp; b — or not." }]);
  });

  it("uses the file name when there is no # heading, and content before the first heading has no path", async () => {
    const doc = await extract("Intro text.\n\n## Details\n\nMore.", "notes/shipping-notes.md");
    expect(doc.title).toBe("shipping-notes");
    expect(doc.sections).toEqual([
      { headingPath: [], text: "Intro text." },
      { headingPath: ["Details"], text: "More." },
    ]);
  });

  it("replaces headings at the same or a deeper level", async () => {
    const doc = await extract("# A\n\n### A.1.1\n\nx\n\n## B\n\ny\n\n# C\n\nz");
    expect(doc.sections.map((s) => s.headingPath)).toEqual([["A", "A.1.1"], ["A", "B"], ["C"]]);
  });

  it("indents nested list items and marks tasks", async () => {
    const doc = await extract("- Pack the item\n  - with its tags\n- [x] Print the label\n");
    expect(doc.sections[0]?.text).toBe("- Pack the item\n  - with its tags\n- [x] Print the label");
  });

  it("drops images and keeps the visible text of raw HTML blocks", async () => {
    const doc = await extract(
      '![diagram](flow.png)\n\n<div class="note">Call <b>us</b><script>track()</script></div>\n',
    );
    expect(doc.sections).toEqual([{ headingPath: [], text: "Call us" }]);
  });
});
