import { nameTokens, sameStem, significantWords } from "../lookup/words";

/*
 * Whether a knowledge-base hit is about the question, not just near it. A sentence encoder scores
 * every passage of a small help centre 0.3–0.6 against any shop-sounding question ("Do you offer a
 * student discount?" → the payments article at 0.43), while real answers the same model finds score
 * 0.4–0.8: no single vector threshold separates them (measured on `pnpm eval`, docs/benchmarks.md).
 * So a hit counts when its vector score is high on its own, or when it also shares words with the
 * question — the weaker the score, the more words: one from a middling score ("how many days do I
 * have to send something back?" → the return window, 0.46), else half of the question's terms or two
 * of them. Hybrid lexical + vector relevance, the usual cure for "the nearest passage is always
 * somebody".
 */

/** A vector score above which a passage needs no shared word (a paraphrase: "money back" → refunds). */
export const DEFAULT_SEMANTIC_ONLY_SCORE = 0.6;

/** A vector score from which one shared word is enough (the semantic-only score minus 0.15). */
const ONE_WORD_MARGIN = 0.15;

export function semanticOnlyScore(): number {
  const configured = Number(process.env.KNOWLEDGE_SEMANTIC_ONLY_SCORE);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_SEMANTIC_ONLY_SCORE;
}

/**
 * The question's words that can show a passage is about it: significant words (stop words dropped,
 * stemmed), without e-mail addresses, URLs and tokens with digits — identifiers such as an order
 * number or a UUID fragment are the database's business, and every row of a table shares their shape.
 */
export function questionTerms(question: string): string[] {
  const text = question.replace(/\S+@\S+/g, " ").replace(/https?:\/\/\S+/g, " ");
  return significantWords(text)
    .filter((word) => !/\d/.test(word.word))
    .map((word) => word.stem);
}

export type PassageKind = { kind: "document" } | { kind: "row"; table: string };

/**
 * A passage's words. A row document ("Table public.orders (description), row 7" then `column: value`
 * lines) contributes its table's name and its values, not the table description or the column names:
 * those are the same for every row of the table and would make each of them match "my phone number".
 */
export function passageTerms(text: string, passage: PassageKind): string[] {
  if (passage.kind === "document") return significantWords(text).map((word) => word.stem);
  const values = text
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/^[^:]*:\s?/, ""))
    .join("\n");
  const table = passage.table.split(".").at(-1) ?? passage.table;
  return [...nameTokens(table), ...significantWords(values).map((word) => word.stem)];
}

/** The share of the question's terms a passage holds (0 to 1): the lexical half of a hit's rank. */
export function sharedTermShare(text: string, passage: PassageKind, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const words = passageTerms(text, passage);
  return terms.filter((term) => words.some((word) => sameStem(term, word))).length / terms.length;
}

/**
 * Vector score plus lexical evidence: a passage holding the question's own words ("PAC code", "late
 * payment fee") ranks above one that is only near it in meaning (the sentence encoder puts every
 * billing passage close to every billing question).
 */
export const LEXICAL_WEIGHT = 0.3;

export function isRelevant(
  hit: { score: number; text: string; passage: PassageKind },
  terms: readonly string[],
  semanticOnly = semanticOnlyScore(),
): boolean {
  if (hit.score >= semanticOnly) return true;
  if (terms.length === 0) return false;
  const words = passageTerms(hit.text, hit.passage);
  const shared = terms.filter((term) => words.some((word) => sameStem(term, word))).length;
  if (shared >= 1 && hit.score >= semanticOnly - ONE_WORD_MARGIN) return true;
  return shared >= 2 || shared / terms.length >= 0.5;
}
