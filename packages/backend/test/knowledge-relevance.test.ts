import { describe, expect, it } from "vitest";
import { isRelevant, passageTerms, questionTerms } from "../convex/knowledge/relevance";

// Passages as the knowledge base holds them; scores as the offline sentence encoder gave them on the
// shipped eval cases (docs/benchmarks.md).
const PAYMENTS =
  "Payments > Which payment methods do you accept?\n\nVisa, Mastercard, PayPal. We also offer gift cards.";
const PASSWORD =
  'Your account > How do I reset my password?\n\nOn the sign-in page choose "Forgot password?".';
const BOB_CUSTOMER_ROW = [
  "Table public.customers (End customers of the shop. email is the login.), row 2",
  "id: 2",
  "email: bob@example.com",
  "full_name: Bob Smith",
  "phone: +1 512 555 0147",
].join("\n");
const ORDER_ITEM_ROW = [
  "Table public.order_items (Lines of an order.), row 8/2",
  "order_id: 8",
  "quantity: 1",
  "product: Wireless Earbuds",
].join("\n");

const document = { kind: "document" } as const;

describe("knowledge-base relevance", () => {
  it("drops a nearby passage that shares no question word below the semantic-only score", () => {
    const terms = questionTerms("Do you offer a student discount?");
    expect(isRelevant({ score: 0.43, text: PAYMENTS, passage: document }, terms, 0.6)).toBe(false);
  });

  it("keeps a passage sharing half of the question's terms, even with a modest score", () => {
    const terms = questionTerms("How do I reset my password?");
    expect(terms).toEqual(["reset", "password"]);
    expect(isRelevant({ score: 0.45, text: PASSWORD, passage: document }, terms, 0.6)).toBe(true);
  });

  it("keeps a paraphrase without shared words when its score is high", () => {
    const terms = questionTerms("How long until I get my money back?");
    expect(isRelevant({ score: 0.73, text: PAYMENTS, passage: document }, terms, 0.6)).toBe(true);
    expect(isRelevant({ score: 0.59, text: PAYMENTS, passage: document }, terms, 0.6)).toBe(false);
  });

  it("reads a row document's values and table name, not its column names or table description", () => {
    const row = { kind: "row", table: "public.customers" } as const;
    // "phone" is only a column name of Bob's row: asked by Bob about Alice, the row is not an answer.
    const terms = questionTerms("What is alice@example.com's phone number?");
    expect(terms).toEqual(["phone", "number"]);
    expect(passageTerms(BOB_CUSTOMER_ROW, row)).not.toContain("phone");
    expect(isRelevant({ score: 0.46, text: BOB_CUSTOMER_ROW, passage: row }, terms, 0.6)).toBe(false);

    const items = { kind: "row", table: "public.order_items" } as const;
    expect(passageTerms(ORDER_ITEM_ROW, items)).toEqual(
      expect.arrayContaining(["order", "item", "wireless", "earbud"]),
    );
    const earbuds = questionTerms("Did my wireless earbuds ship?");
    expect(isRelevant({ score: 0.4, text: ORDER_ITEM_ROW, passage: items }, earbuds, 0.6)).toBe(true);
  });

  it("ignores identifiers and e-mail addresses, which every row of a table shares in shape", () => {
    expect(questionTerms("Show customer 0b7d4c1e-2f3a-4e5b-8c6d-000000000006")).toEqual(["customer"]);
    expect(questionTerms("Orders of bob@example.com, order 1002 and RM123456785GB")).toEqual(["order"]);
    // Nothing left to share: only a high score counts.
    const none = questionTerms("1001 #1002");
    expect(none).toEqual([]);
    expect(isRelevant({ score: 0.55, text: PAYMENTS, passage: document }, none, 0.6)).toBe(false);
    expect(isRelevant({ score: 0.61, text: PAYMENTS, passage: document }, none, 0.6)).toBe(true);
  });

  it("takes one shared word from a middling score, none from a weak one", () => {
    const returns = "Returns > Return window\n\nYou can return any unused item within 30 days of delivery.";
    const terms = questionTerms("How many days do I have to send something back?");
    expect(terms).toEqual(["day", "send", "back"]);
    expect(isRelevant({ score: 0.46, text: returns, passage: document }, terms, 0.6)).toBe(true);
    expect(isRelevant({ score: 0.43, text: returns, passage: document }, terms, 0.6)).toBe(false);
  });

  it("needs two shared terms, or half of them, when the question is long", () => {
    const terms = questionTerms("Can students get a discount on payment by gift cards?");
    // student, discount, payment, gift, card: the payments passage shares payment, gift and card.
    expect(isRelevant({ score: 0.35, text: PAYMENTS, passage: document }, terms, 0.6)).toBe(true);
    const one = questionTerms("Do students get a discount on the Visa?");
    expect(isRelevant({ score: 0.35, text: PAYMENTS, passage: document }, one, 0.6)).toBe(false);
  });
});
