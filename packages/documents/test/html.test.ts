import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/index.ts";
import { fixture, utf8 } from "./helpers.ts";

describe("html: the shipping & returns FAQ fixture", async () => {
  const doc = await extractDocument(await fixture("support-faq.html"), { fileName: "faq.html" });
  const all = doc.sections.map((s) => s.text).join("\n\n");

  it("takes the title from <title>, entities decoded", () => {
    expect(doc.format).toBe("html");
    expect(doc.title).toBe("Shipping & Returns FAQ | Acme Outfitters");
  });

  it("turns h1–h3 into heading paths", () => {
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      [],
      ["Shipping & Returns"],
      ["Shipping & Returns", "Shipping", "How long does delivery take?"],
      ["Shipping & Returns", "Shipping", "Do you ship internationally?"],
      ["Shipping & Returns", "Returns", "Refund timing"],
    ]);
  });

  it("keeps only visible text: no scripts, styles, hidden or display:none elements", () => {
    for (const invisible of [
      "dataLayer",
      "gtag",
      "color: #333",
      "We use cookies",
      "escalate refunds",
      "Internal",
    ])
      expect(all).not.toContain(invisible);
  });

  it("decodes entities and collapses the source's line wrapping", () => {
    expect(doc.sections[2]?.text).toBe(
      "Standard delivery takes 3–5 business days within the continental US. Express orders placed " +
        "before 2 p.m. ship the same day.\n\n" +
        "- Standard: free over $50, otherwise $5.95\n" +
        "- Express: $14.95",
    );
    expect(doc.sections[1]?.text).toBe(
      "Everything about getting your order and sending it back — in one place.",
    );
  });

  it("writes table rows as cell | cell lines and keeps the footer after the last heading", () => {
    expect(doc.sections[4]?.text).toBe(
      "Refunds reach your original payment method within 5–10 business days after we receive the return. " +
        "You'll get an email when it's processed.\n\n" +
        "Method | Refund arrives in\nCredit card | 5–7 days\nPayPal | 3–5 days\n\n" +
        "© 2026 Acme Outfitters · Privacy",
    );
    expect(doc.sections[0]?.text).toBe("Home Shop Help");
  });
});

describe("html details", () => {
  const extract = (html: string, fileName = "page.html") => extractDocument(utf8(html), { fileName });

  it("uses the first h1 when there is no <title>, else the file name", async () => {
    expect((await extract("<h2>Intro</h2><p>a</p><h1>Care guide</h1><p>b</p>")).title).toBe("Care guide");
    expect((await extract("<p>Just text</p>", "pages/care.htm")).title).toBe("care");
  });

  it("keeps preformatted text as it is and separates paragraphs from inline runs", async () => {
    const doc = await extract(
      "<div>Order <em>#1001</em><p>Shipped</p>Tracking:<pre>  TRK-1\n    line 2</pre></div>",
    );
    expect(doc.sections[0]?.text).toBe("Order #1001\n\nShipped\n\nTracking:\n\n  TRK-1\n    line 2");
  });

  it("numbers ordered lists and indents nested ones", async () => {
    const doc = await extract(
      "<p>Steps:</p><ol><li><p>Print</p><ul><li>A4 or Letter</li></ul></li><li>Pack</li></ol><p>Done.</p>",
    );
    expect(doc.sections[0]?.text).toBe("Steps:\n\n1. Print\n  - A4 or Letter\n2. Pack\n\nDone.");
  });

  it("survives unclosed tags, stray end tags and aria-hidden icons", async () => {
    const doc = await extract(
      '<h2>Help</h2><p>One<p>Two</span><span aria-hidden="true">×</span></div><li>Three',
    );
    expect(doc.sections).toEqual([{ headingPath: ["Help"], text: "One\n\nTwo\n- Three" }]);
  });
});
