import { findDates } from "./dates";
import { isStopWord, significantWords, stem } from "./words";

/*
 * What a support question names, found with regular expressions only (deterministic, microseconds):
 * e-mails, UUIDs, dates, SKU-like codes, tracking-number-like tokens, order-like numbers, quoted
 * phrases, and the remaining significant words. Each span is claimed once, most specific kind first,
 * so "SKU-789" is a SKU and not the number 789, and "2026-11-24" is a date and not three numbers.
 */

export type Entity =
  /** An order-like number: "#1001", "order 1001", "pedido nº 1004". `label` is the stemmed word before it. */
  | { kind: "number"; value: string; label: string | null; text: string }
  /** Lowercased. */
  | { kind: "email"; value: string; text: string }
  /** Uppercased, e.g. "SKU-789"; `prefix` is the letters before the digits ("SKU", "RX"). */
  | { kind: "sku"; value: string; prefix: string; text: string }
  /** `YYYY-MM-DD`, or `--MM-DD` without a year. */
  | { kind: "date"; value: string; text: string }
  /** Lowercased. */
  | { kind: "uuid"; value: string; text: string }
  /** Uppercased carrier-style token: 10–35 letters and digits, at least 8 of them digits. */
  | { kind: "tracking"; value: string; text: string }
  /** Text between quotes, as written. */
  | { kind: "phrase"; value: string; text: string }
  /**
   * Capitalized words in a row, not opening the sentence: a product, store or person named as such
   * ("the Retro Cassette Player", "Brightside Berlin Mitte"). Its words stay words too.
   */
  | { kind: "name"; value: string; text: string }
  /** A significant word: `value` is its stem, `text` the word as written (lowercased). */
  | { kind: "word"; value: string; text: string };

export type EntityKind = Entity["kind"];

interface Span {
  start: number;
  end: number;
  entity: Entity;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** "SKU-789", "RX-20931", "AB-12C"; "sku 789", "sku#789" (the letters must be upper case unless they say sku). */
const SKU = /\b(?:([A-Z]{2,6})-(\d[A-Z0-9]*(?:-[A-Z0-9]+)*)|(sku)[\s#:-]*(\d[A-Za-z0-9-]*))\b/gi;
const TRACKING = /\b[A-Za-z0-9]{10,35}\b/g;
/** "#1001", or a number of one or more digits after a label word, or a bare number of 3+ digits. */
const NUMBER = /(#\s?)?(?<![\p{L}\p{N}.,$€£¥/+-]|\d )(\d{1,12})(?![\p{L}\p{N}%]|[.,]\d| \d)/gu;
const NUMBER_MARKERS = new Set(["no", "nr", "nº", "n°", "num", "number", "nummer", "número", "numéro"]);
const QUOTED = [
  /"([^"\n]{1,120})"/g,
  /“([^”\n]{1,120})”/g,
  /„([^“”\n]{1,120})[“”]/g,
  /«\s?([^»\n]{1,120}?)\s?»/g,
  /(?<=^|[\s(])'([^'\n]{1,120})'(?=$|[\s).,!?:;])/g,
];

/** Two or more capitalized words (hyphenated parts allowed) in a row. */
const CAPITALIZED_RUN =
  /\p{Lu}[\p{Ll}\p{N}]+(?:-\p{L}[\p{Ll}\p{N}]*)*(?:\s+\p{Lu}[\p{Ll}\p{N}]+(?:-\p{L}[\p{Ll}\p{N}]*)*)+/gu;

/** Proper names: capitalized runs, minus a sentence-opening word (which is capitalized anyway). */
function findNames(text: string, spans: Span[]): Span[] {
  const names: Span[] = [];
  for (const m of text.matchAll(CAPITALIZED_RUN)) {
    let start = m.index;
    let value = m[0];
    const before = text.slice(0, start);
    if (before.trim() === "" || /[.!?¿¡:]\s*$/.test(before)) {
      const firstSpace = value.search(/\s/);
      const rest = value.slice(firstSpace).trimStart();
      start += value.length - rest.length;
      value = rest;
      if (!/\s/.test(value)) continue; // one word left: an ordinary capitalized word
    }
    if (spans.some((s) => start < s.end && start + value.length > s.start)) continue;
    names.push({ start, end: start + value.length, entity: { kind: "name", value, text: value } });
  }
  return names;
}

function claim(spans: Span[], start: number, end: number, entity: Entity): void {
  if (spans.some((s) => start < s.end && end > s.start)) return;
  spans.push({ start, end, entity });
}

/**
 * The stemmed word before a number, skipping "#", "no.", "number" and stop words (at most 3 words
 * back); `adjacent` when only such markers stand between the word and the number.
 */
function labelBefore(text: string, index: number): { label: string | null; adjacentWord: string | null } {
  const words = [...text.slice(Math.max(0, index - 40), index).matchAll(/[\p{L}º°]+/gu)].reverse();
  let adjacent = true;
  for (const match of words.slice(0, 3)) {
    const lower = match[0].toLowerCase();
    if (NUMBER_MARKERS.has(lower)) continue;
    if (isStopWord(lower)) {
      adjacent = false;
      continue;
    }
    return { label: stem(lower), adjacentWord: adjacent ? lower : null };
  }
  return { label: null, adjacentWord: null };
}

function findCodes(text: string, spans: Span[]): void {
  for (const m of text.matchAll(SKU)) {
    const [whole, letters, rest, sku, skuRest] = m;
    const prefix = (letters ?? sku ?? "").toUpperCase();
    // Lower-case letters are a word with a hyphen ("covid-19", "e-2"), not a code, unless they say sku.
    const upper = letters === letters?.toUpperCase() && rest === rest?.toUpperCase();
    if (letters !== undefined && !upper && letters.toLowerCase() !== "sku") continue;
    const value = `${prefix}-${(rest ?? skuRest ?? "").toUpperCase()}`;
    claim(spans, m.index, m.index + whole.length, { kind: "sku", value, prefix, text: whole });
  }
  for (const m of text.matchAll(TRACKING)) {
    const token = m[0];
    const digits = token.replace(/\D/g, "").length;
    if (digits < 8 || (digits < token.length && !/\d[A-Za-z]|[A-Za-z]\d/.test(token))) continue;
    claim(spans, m.index, m.index + token.length, {
      kind: "tracking",
      value: token.toUpperCase(),
      text: token,
    });
  }
}

function findNumbers(text: string, spans: Span[]): void {
  for (const m of text.matchAll(NUMBER)) {
    const [whole, hash, digits = ""] = m;
    // `account_id = 1 OR 1=1`: a side of a comparison is SQL someone typed, not a record they named.
    const end = m.index + whole.length;
    if (/=\s*['"]?$/.test(text.slice(0, m.index)) || /^['"]?\s*=/.test(text.slice(end))) continue;
    const { label, adjacentWord } = labelBefore(text, m.index);
    // Bare numbers need 3 digits; "#5" and "ticket 5" are references, "ordered 2" a quantity (the
    // planner also wants a short number's label to name the table or column it looks in).
    const reference = hash !== undefined || (adjacentWord !== null && !/(ed|ing)$/.test(adjacentWord));
    if (!reference && digits.length < 3) continue;
    claim(spans, m.index, m.index + whole.length, { kind: "number", value: digits, label, text: whole });
  }
}

/** Typed entities of a question, in the order they appear; words last-resort, stop words removed. */
export function extractEntities(question: string): Entity[] {
  const text = question.normalize("NFC").slice(0, 2000);
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const raw = m[0].replace(/[.'-]+$/, "");
    claim(spans, m.index, m.index + raw.length, { kind: "email", value: raw.toLowerCase(), text: raw });
  }
  for (const m of text.matchAll(UUID)) {
    claim(spans, m.index, m.index + m[0].length, { kind: "uuid", value: m[0].toLowerCase(), text: m[0] });
  }
  for (const date of findDates(text)) {
    claim(spans, date.start, date.end, { kind: "date", value: date.value, text: date.text });
  }
  findCodes(text, spans);
  findNumbers(text, spans);

  // Quoted phrases may contain entities; a phrase that is only an entity adds nothing.
  const phrases: Span[] = [];
  for (const regex of QUOTED) {
    for (const m of text.matchAll(regex)) {
      const value = (m[1] ?? "").trim();
      if (value.length === 0 || spans.some((s) => s.entity.text === value)) continue;
      if (phrases.some((p) => m.index < p.end && m.index + m[0].length > p.start)) continue;
      phrases.push({
        start: m.index,
        end: m.index + m[0].length,
        entity: { kind: "phrase", value, text: m[0] },
      });
    }
  }

  // Words come from what no entity claimed (so "SKU-789" does not also give the word "sku").
  let rest = text;
  for (const span of [...spans, ...phrases]) {
    rest = rest.slice(0, span.start) + " ".repeat(span.end - span.start) + rest.slice(span.end);
  }
  const words: Span[] = [];
  for (const word of significantWords(rest)) {
    const start = rest.toLowerCase().indexOf(word.word);
    words.push({ start, end: start, entity: { kind: "word", value: word.stem, text: word.word } });
  }

  const names = findNames(text, [...spans, ...phrases]);
  const seen = new Set<string>();
  return [...spans, ...phrases, ...names, ...words]
    .sort((a, b) => a.start - b.start)
    .map((span) => span.entity)
    .filter((entity) => {
      const key = `${entity.kind}:${entity.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
