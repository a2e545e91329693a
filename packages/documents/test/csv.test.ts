import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/index.ts";
import { expectDocumentError, fixture, utf8 } from "./helpers.ts";

describe("csv: the product catalog fixture", async () => {
  const doc = await extractDocument(await fixture("products.csv"), { fileName: "products.csv" });

  it("groups rows into sections of five, headed by the file and the row numbers", () => {
    expect(doc.format).toBe("csv");
    expect(doc.title).toBe("products");
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ["products", "Rows 1–5"],
      ["products", "Row 6"],
    ]);
  });

  it("writes each row as column: value lines, handling quotes, doubled quotes and embedded newlines", () => {
    const rows = doc.sections[0]?.text.split("\n\n");
    expect(rows).toEqual([
      "sku: TS-001\nname: Classic Tee\ndescription: Soft 100% cotton tee. Machine washable; tumble dry low.\nprice: 19.99\nin_stock: yes",
      'sku: MG-014\nname: Mug, large\ndescription: Holds 16 oz. Dishwasher safe; "microwave safe" too.\nprice: 12.50\nin_stock: yes',
      "sku: JK-220\nname: Rain Jacket\ndescription: Waterproof shell with taped seams. Packs into its own pocket.\nprice: 89.00\nin_stock: no",
      // The empty price is left out.
      "sku: SK-003\nname: Wool Socks (3-pack)\ndescription: Merino blend\nin_stock: yes",
      "sku: BG-101\nname: Weekender Bag\ndescription: Canvas body, leather handles, 40 L\nprice: 129.00\nin_stock: yes",
    ]);
    expect(doc.sections[1]?.text).toBe(
      "sku: HT-007\nname: Sun Hat\ndescription: UPF 50+, wide brim\nprice: 24.00\nin_stock: yes",
    );
    expect(doc.warnings).toEqual([]);
  });
});

describe("csv details", () => {
  const extract = (csv: string, fileName = "data.csv") => extractDocument(utf8(csv), { fileName });

  it("detects ; and tab delimiters from the header line", async () => {
    const semicolons = await extract("sku;name;price\nA1;Mug, large;12,50\n");
    expect(semicolons.sections[0]?.text).toBe("sku: A1\nname: Mug, large\nprice: 12,50");
    const tabs = await extract("sku\tname\nA1\tMug, large\n", "data.tsv");
    expect(tabs.sections[0]?.text).toBe("sku: A1\nname: Mug, large");
  });

  it("warns about rows whose length differs from the header, naming unnamed columns", async () => {
    const doc = await extract("sku,name\nA1,Mug,extra note\nB2\n,\n");
    expect(doc.sections[0]?.text).toBe("sku: A1\nname: Mug\ncolumn 3: extra note\n\nsku: B2");
    expect(doc.warnings).toEqual(["2 rows have a different number of values than the header's 2 columns."]);
  });

  it('accepts a stray quote inside an unquoted value (12" monitor)', async () => {
    const doc = await extract('item,qty\n12" monitor,2\n');
    expect(doc.sections[0]?.text).toBe('item: 12" monitor\nqty: 2');
  });

  it("refuses a quoted value that is never closed as corrupt, saying where", async () => {
    const error = await expectDocumentError(extract('sku,description\nA1,"Soft cotton\nB2,Mug\n'), "corrupt");
    expect(error.message).toMatch(
      /^"data.csv" could not be read: a quoted value is never closed near line \d+\.$/,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("treats a header without rows as empty", async () => {
    await expectDocumentError(extract("sku,name,price\n"), "empty");
  });
});
