import type { Viewer } from "../convex/access/viewer.ts";
import type { BenchContact } from "./retrieval-data.ts";

/*
 * What the retrieval bench asks: a mix of what a shop's support widget gets (a verified customer's own
 * order by number, products by SKU or name, policy questions only the documents answer, and questions
 * nothing answers), plus the documents that make the knowledge base non-empty.
 */

export type QuestionKind = "order" | "product" | "knowledge" | "none";

export interface Question {
  kind: QuestionKind;
  text: string;
  viewer: Viewer;
  /** Where the answer should come from (the priority rules: rows, else passages, else none). */
  expected: "database" | "knowledge_base" | "none";
}

export const DOCUMENTS: Record<string, string> = {
  "shipping.md": `# Shipping policy

## Delivery times
Standard delivery takes 3 to 5 business days within the United States and 5 to 10 business days to
Canada, the United Kingdom and the European Union. Express delivery arrives in 1 to 2 business days.

## Shipping costs
Shipping is free on orders of 50 dollars or more. Below that a flat fee of 4.99 applies. Express
delivery costs 14.99 whatever the basket.

## International customs
Customs duties for deliveries outside the United States are paid by the recipient on arrival.
`,
  "returns.md": `# Returns and refunds

## Return window
You can return any unused item within 30 days of delivery. Start a return from the link in your
delivery e-mail and print the prepaid label.

## Refund timing
Refunds are issued to the original payment method within 5 business days after we receive the return.
Card issuers may take a few more days to show the credit on a statement.
`,
  "account.md": `# Your account

## Password reset
To reset your password, click "Forgot password" on the sign-in page and follow the link we e-mail you.
The link is valid for one hour.

## Newsletter
Unsubscribe from the newsletter with the link at the bottom of any newsletter e-mail.
`,
  "payments.md": `# Payments

## Accepted payment methods
We accept Visa, Mastercard, American Express, PayPal and Apple Pay. Gift cards can be combined with
any card at checkout.

## Invoices
A VAT invoice is attached to the confirmation e-mail of every purchase.
`,
};

const KNOWLEDGE = [
  "how long do refunds take to reach my card?",
  "can I pay with PayPal or Apple Pay?",
  "how do I reset my password?",
  "how many days do I have to send something back?",
  "do you deliver to Canada and how long does it take?",
];
const NONE = ["zzqx vortex quasar", "what is the airspeed velocity of an unladen swallow"];
const SAMPLE_SKUS = ["SKU-789", "SKU-101", "SKU-204", "SKU-456", "SKU-678"];

/** A generated product (1 … 1,000 always exist, whatever the size). */
const benchSku = (k: number) => `BENCH-${String(1 + ((k * 37) % 1000)).padStart(8, "0")}`;

/**
 * The questions contact `index` asks, in order: their own orders, products, documents, nothing.
 * Order questions come from the verified customer; the others alternate verified and anonymous.
 */
export function questionsFor(contact: BenchContact, index: number): Question[] {
  const verified: Viewer = { kind: "contact", verifiedOwnerKey: contact.email };
  const anonymous: Viewer = { kind: "contact", verifiedOwnerKey: null };
  const other = index % 2 === 0 ? verified : anonymous;
  const order = (k: number) => contact.orders[k % contact.orders.length]!;
  const pick = <T>(list: readonly T[], k: number) => list[(index + k) % list.length]!;
  const q = (kind: QuestionKind, text: string, viewer: Viewer): Question => ({
    kind,
    text,
    viewer,
    expected:
      kind === "order" || kind === "product" ? "database" : kind === "none" ? "none" : "knowledge_base",
  });
  return [
    q("order", `where is my order #${order(0)}?`, verified),
    q("product", `is ${pick(SAMPLE_SKUS, 0)} in stock?`, other),
    q("knowledge", pick(KNOWLEDGE, 0), other),
    q("order", `has order ${order(1)} shipped yet?`, verified),
    q("product", `how much is ${benchSku(index)}?`, anonymous),
    q("knowledge", pick(KNOWLEDGE, 1), verified),
    q("none", pick(NONE, 0), other),
    q("order", `what's the tracking number for order ${order(2)}`, verified),
  ];
}
