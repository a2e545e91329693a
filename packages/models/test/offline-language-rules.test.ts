import { describe, expect, it } from "vitest";
import { composeAnswer } from "../src/offline-language-model/compose-answer.ts";
import { describeRowSet, humanizeName } from "../src/offline-language-model/format-rows.ts";
import { classifyIntent, type Intent } from "../src/offline-language-model/intents.ts";

describe("classifyIntent", () => {
  const cases: [string, Intent][] = [
    // a person
    ["I want to talk to a human", "human"],
    ["Can I speak with someone?", "human"],
    ["Connect me with a live agent", "human"],
    ["representative", "human"],
    ["person please", "human"],
    ["Is there an actual person I can chat with", "human"],
    ["Kann ich mit einem Mitarbeiter sprechen?", "human"],
    ["Ich will mit einem Menschen reden", "human"],
    ["Quiero hablar con una persona", "human"],
    ["¿Puedo hablar con alguien?", "human"],
    ["Je voudrais parler à quelqu’un", "human"],
    ["Un humain s'il vous plaît", "human"],
    // solved
    ["That solved it, thanks!", "resolved"],
    ["problem solved", "resolved"],
    ["thanks, bye", "resolved"],
    ["Thank you so much for your help", "resolved"],
    ["No, that's all. Thanks!", "resolved"],
    ["It works now", "resolved"],
    ["Danke, das Problem ist gelöst", "resolved"],
    ["¡Gracias, ya está resuelto!", "resolved"],
    ["Merci, c'est résolu", "resolved"],
    ["merci beaucoup, au revoir", "resolved"],
    // questions, including the near misses
    ["Where is my order 1001?", "question"],
    ["The delivery agent left my parcel at the wrong door", "question"],
    ["Can I pay in person at the store", "question"],
    ["How much is it per person", "question"],
    ["That didn't solve it", "question"],
    ["The problem is still not solved", "question"],
    ["Thanks, but my refund has not arrived", "question"],
    ["Is my refund resolved?", "question"],
    ["Das Problem ist nicht gelöst", "question"],
    ["Todavía no está resuelto", "question"],
    ["Quelle est la règle pour les retours", "question"],
    ["I ordered two lamps and that's all I ordered, where are they", "question"],
    ["ok", "question"],
    ["Wo ist meine Bestellung 1001", "question"],
    // nothing to go on
    ["", "empty"],
    ["   \n ", "empty"],
    ["?!", "empty"],
    ["\u0000\u0007\u001b", "empty"],
  ];
  it.each(cases)("%j → %s", (message, intent) => {
    expect(classifyIntent(message)).toBe(intent);
  });
});

describe("row formatting", () => {
  it.each([
    ["tracking_number", "tracking number"],
    ["trackingNumber", "tracking number"],
    ["public.order_items", "order items"],
    ["customer_id", "customer ID"],
    ["SKU", "SKU"],
  ])("humanizeName(%j) = %j", (name, expected) => {
    expect(humanizeName(name)).toBe(expected);
  });

  it("writes one row as a sentence, leaving out nulls and blank text", () => {
    expect(
      describeRowSet({
        table: "customers",
        columns: ["email", "phone", "vip", "points"],
        rows: [["ada@example.com", " ", true, 120]],
        truncated: false,
      }),
    ).toBe("Here is what I found in customers: email: ada@example.com, vip: yes, points: 120.");
  });

  it("lists a row with many fields, and leaves out the keys that only link rows", () => {
    expect(
      describeRowSet({
        table: "public.orders",
        columns: ["id", "order_number", "customer_id", "status", "carrier", "tracking_number", "public_id"],
        rows: [[7, "1007", 1, "delivered", "DHL", "JD014600006281", "0b7d"]],
        truncated: false,
      }),
    ).toBe(
      "Here is what I found in orders:\n\n- ID: 7\n- order number: 1007\n- status: delivered\n" +
        "- carrier: DHL\n- tracking number: JD014600006281",
    );
  });

  it("keeps a table intact when a value contains a pipe or a line break", () => {
    const text = describeRowSet({
      table: "products",
      columns: ["name", "description"],
      rows: [
        ["Lamp | large", "bright\nwarm"],
        ["Chair", null],
      ],
      truncated: false,
    });
    expect(text).toContain("| Lamp \\| large | bright warm |");
    expect(text).toContain("| Chair |  |");
  });

  it("answers from the rows only when the source is the database, even if passages came along", () => {
    const text = composeAnswer(
      {
        source: "database",
        rows: [{ table: "orders", columns: ["status"], rows: [["shipped"]], truncated: false }],
        passages: [{ title: "Shipping", text: "Orders ship in 2 days." }],
      },
      "order status",
      new Set(),
    );
    expect(text).toBe("Here is what I found in orders: status: shipped.");
  });

  it("without the escalate tool, points to the support team instead of offering a handover", () => {
    expect(composeAnswer({ source: "none" }, "x", new Set(["lookup"]))).toBe(
      "I couldn't find anything about that in our records or help articles. Please contact our support team for help with this.",
    );
  });

  it("cuts a long passage at a word boundary and marks the cut", () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const text = composeAnswer(
      { source: "knowledge_base", passages: [{ title: "Long", text: long }] },
      "x",
      new Set(),
    );
    expect(text.length).toBeLessThan(700);
    expect(text).toMatch(/word\d+…$/);
  });
});
