// What the planner reads from a support question: typed entities and the significant words.
import { describe, expect, it } from "vitest";
import { extractEntities, type Entity } from "../../convex/lookup/entities.ts";
import { nameTokens, stem } from "../../convex/lookup/words.ts";

const ofKind = <K extends Entity["kind"]>(question: string, kind: K) =>
  extractEntities(question).filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);
const values = (question: string, kind: Entity["kind"]) => ofKind(question, kind).map((e) => e.value);

describe("extractEntities on support questions", () => {
  it("where is my order #1001? → the number 1001 labelled order, and the word order", () => {
    expect(extractEntities("where is my order #1001?")).toEqual([
      { kind: "word", value: "order", text: "order" },
      { kind: "number", value: "1001", label: "order", text: "#1001" },
    ]);
  });

  it("is SKU-789 in stock? → the SKU (not the number 789) and the word stock", () => {
    expect(extractEntities("is SKU-789 in stock?")).toEqual([
      { kind: "sku", value: "SKU-789", prefix: "SKU", text: "SKU-789" },
      { kind: "word", value: "stock", text: "stock" },
    ]);
  });

  it("when is my next appointment? / how do I reset my password? → words only", () => {
    expect(extractEntities("when is my next appointment?")).toEqual([
      { kind: "word", value: "appointment", text: "appointment" },
    ]);
    expect(values("how do I reset my password?", "word")).toEqual(["reset", "password"]);
    expect(extractEntities("how do I reset my password?").every((e) => e.kind === "word")).toBe(true);
  });

  it("finds German and Spanish e-mails with non-ASCII letters, lowercased, and their order numbers", () => {
    const german = "Hallo, ich bin Jürgen.Müller@Beispiel.de – wo ist meine Bestellung 1003?";
    expect(values(german, "email")).toEqual(["jürgen.müller@beispiel.de"]);
    expect(ofKind(german, "number")).toEqual([
      { kind: "number", value: "1003", label: "bestellung", text: "1003" },
    ]);
    expect(values(german, "word")).toEqual(["bestellung"]);
    const spanish = "¿Dónde está mi pedido nº 1004? Soy josé.álvarez@correo.es";
    expect(values(spanish, "email")).toEqual(["josé.álvarez@correo.es"]);
    expect(ofKind(spanish, "number")[0]).toMatchObject({ value: "1004", label: "pedido" });
  });

  it("reads dates: ISO, day-first, month-first when unambiguous, month names in four languages", () => {
    expect(values("arriving 2026-11-24T10:00Z", "date")).toEqual(["2026-11-24"]);
    expect(values("ordered 24/11/2026", "date")).toEqual(["2026-11-24"]);
    expect(values("ordered 11/24/2026", "date")).toEqual(["2026-11-24"]);
    expect(values("ordered 03/12/2026", "date")).toEqual(["2026-12-03"]);
    expect(values("geliefert am 24.11.2026", "date")).toEqual(["2026-11-24"]);
    expect(values("Nov 24, 2026", "date")).toEqual(["2026-11-24"]);
    expect(values("arriving Nov 24", "date")).toEqual(["--11-24"]);
    expect(values("on the 24th of November", "date")).toEqual(["--11-24"]);
    expect(values("am 24. November 2026", "date")).toEqual(["2026-11-24"]);
    expect(values("Debía llegar el 19 de noviembre", "date")).toEqual(["--11-19"]);
    expect(values("le 3 décembre 2026", "date")).toEqual(["2026-12-03"]);
  });

  it("refuses impossible dates and does not read 'may' or 'mar' without a day as a month", () => {
    expect(values("on 31/02/2026", "date")).toEqual([]);
    expect(values("may I return it? mar", "date")).toEqual([]);
    expect(values("what about 29/02/2027", "date")).toEqual([]);
  });

  it("finds UUIDs and tracking numbers (UPS, FedEx, Japan Post, long digit runs)", () => {
    expect(values("appointment 6A1F0D2E-9B3C-4C7D-A5E6-000000000002", "uuid")).toEqual([
      "6a1f0d2e-9b3c-4c7d-a5e6-000000000002",
    ]);
    expect(values("tracking 1Z999AA10123456784, 771234567890 and ej123456789jp", "tracking")).toEqual([
      "1Z999AA10123456784",
      "771234567890",
      "EJ123456789JP",
    ]);
    // A UUID is not also a tracking number or numbers.
    expect(extractEntities("6a1f0d2e-9b3c-4c7d-a5e6-000000000002").map((e) => e.kind)).toEqual(["uuid"]);
  });

  it("finds quoted phrases in straight, curly and guillemet quotes, but not apostrophes", () => {
    expect(
      values(`do you have "Bamboo Cutting Board" or 'Smartwatch Pro 2'? I can't find it`, "phrase"),
    ).toEqual(["Bamboo Cutting Board", "Smartwatch Pro 2"]);
    expect(values("„Matcha Set“ und «Teekanne»", "phrase")).toEqual(["Matcha Set", "Teekanne"]);
    expect(values("the “Fitness Tracker Band”", "phrase")).toEqual(["Fitness Tracker Band"]);
    expect(values("it's Alice's order", "phrase")).toEqual([]);
  });

  it("tells references from quantities, prices, phone numbers and words with hyphens", () => {
    const question =
      "I ordered 2 items for $250 (249.00 each), ticket 5, sku 456, covid-19, call +1 206 555 0101";
    expect(ofKind(question, "number")).toEqual([{ kind: "number", value: "5", label: "ticket", text: "5" }]);
    expect(values(question, "sku")).toEqual(["SKU-456"]);
    expect(values("my code is AB-12C", "sku")).toEqual(["AB-12C"]);
  });

  it("keeps SQL in a question as plain words and values", () => {
    const entities = extractEntities("where is my order #1001'; DROP TABLE orders; -- OR 1=1");
    expect(ofKind("where is my order #1001'; DROP TABLE orders; -- OR 1=1", "number")).toEqual([
      { kind: "number", value: "1001", label: "order", text: "#1001" },
    ]);
    expect(entities.filter((e) => e.kind === "word").map((e) => e.value)).toEqual(["order", "drop", "table"]);
  });

  it("is deterministic and returns each entity once", () => {
    const question = "order #1001, again order #1001, SKU-789 and sku-789";
    expect(extractEntities(question)).toEqual(extractEntities(question));
    expect(values(question, "number")).toEqual(["1001"]);
    expect(values(question, "sku")).toEqual(["SKU-789"]);
  });
});

describe("words and names meet on the same stems", () => {
  it("singular and plural, -ing and -ed", () => {
    expect(
      ["orders", "categories", "addresses", "boxes", "shipped", "tracking", "status", "hours"].map(stem),
    ).toEqual(["order", "category", "address", "box", "ship", "track", "status", "hour"]);
  });

  it("snake_case, camelCase, PascalCase and names with spaces", () => {
    expect(nameTokens("order_number")).toEqual(["order", "number"]);
    expect(nameTokens("StoreLocations")).toEqual(["store", "location"]);
    expect(nameTokens("openingHours")).toEqual(["open", "hour"]);
    expect(nameTokens("Region Name")).toEqual(["region", "name"]);
    expect(nameTokens("HTMLBody")).toEqual(["html", "body"]);
  });
});

describe("numbers in typed SQL", () => {
  it("a side of a comparison is not a record the asker named: account_id = 1 OR 1=1", () => {
    expect(
      extractEntities("Show my invoices where account_id = 1 OR 1=1").filter((e) => e.kind === "number"),
    ).toEqual([]);
    expect(extractEntities("order 1001' OR '1'='1").filter((e) => e.kind === "number")).toMatchObject([
      { value: "1001" },
    ]);
  });
});
