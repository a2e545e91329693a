/** Deterministic support-style texts for the benchmarks: every text differs, lengths are stable. */

const SUBJECTS = [
  "my order",
  "the parcel",
  "my refund",
  "the invoice",
  "my account",
  "the jacket",
  "my subscription",
  "the delivery",
];
const PROBLEMS = [
  "still has not arrived even though the tracking page said it would be delivered yesterday",
  "was charged twice on my credit card and I would like to understand why this happened",
  "shows the wrong shipping address and I moved to a new apartment last month",
  "arrived damaged with a broken zipper and a large stain on the left sleeve",
];
const ASKS = [
  "could you please check",
  "can someone help me with this",
  "what should I do next",
  "please advise",
];
const QUERIES = [
  "where is my order",
  "refund status",
  "change delivery address",
  "store opening hours",
  "reset my password",
  "cancel subscription",
  "damaged item return",
  "track package",
];

/** ~25-word customer messages, e.g. "Hello, my order #17 still has not arrived … could you please check?" */
export function sentences(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length]!;
    const problem = PROBLEMS[Math.floor(i / SUBJECTS.length) % PROBLEMS.length]!;
    return `Hello, ${subject} #${1000 + i} ${problem}, ${ASKS[i % ASKS.length]}?`;
  });
}

/** 2-4 word search queries, as a customer types them. */
export function queries(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${QUERIES[i % QUERIES.length]} ${i}`);
}

/** ~150-word passages, the size of a knowledge-base chunk. */
export function chunks(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    sentences(6)
      .map((s) => s.replace("#", `#${i}-`))
      .join(" "),
  );
}

export const TEXT_KINDS = { sentences, queries, chunks } as const;
export type TextKind = keyof typeof TEXT_KINDS;

export function averageWords(texts: readonly string[]) {
  return texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / texts.length;
}
