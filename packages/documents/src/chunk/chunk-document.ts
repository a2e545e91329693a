import type { Chunk, ChunkOptions, ExtractedDocument, Section } from "../types.ts";
import { splitUnits, type Range } from "./split-units.ts";

const DEFAULTS = { targetChars: 1000, maxChars: 1500, overlapChars: 150 } satisfies Required<ChunkOptions>;
/** Longest heading kept whole in a prefix. */
const MAX_HEADING_CHARS = 80;
const SEPARATOR = "\n\n";

/**
 * Extracted sections → retrieval chunks. A chunk never spans two sections (so its heading path and
 * page are exact); within a section, chunks are packed from whole paragraphs, else sentences, else
 * words, to about `targetChars` and never more than `maxChars`, heading prefix included. Each chunk
 * after the first in a section starts about `overlapChars` before the previous one ended, at a
 * sentence start when one is near, else at a word. Each chunk's text starts with its heading path ("Returns > Refund timing") or, for a
 * section without headings, the document title, then a blank line. Same input, same output.
 */
export function chunkDocument(extracted: ExtractedDocument, options: ChunkOptions = {}): Chunk[] {
  const settings = resolveOptions(options);
  const chunks: Chunk[] = [];
  for (const section of extracted.sections) {
    const prefix = headingPrefix(
      section.headingPath.length > 0 ? section.headingPath : [extracted.title],
      settings,
    );
    const prefixCost = prefix ? prefix.length + SEPARATOR.length : 0;
    const maxBody = settings.maxChars - prefixCost;
    const targetBody = Math.min(
      maxBody,
      Math.max(settings.targetChars - prefixCost, settings.targetChars / 2),
    );
    for (const range of packRanges(section.text, targetBody, maxBody, settings.overlapChars)) {
      const body = section.text.slice(range.start, range.end);
      chunks.push(makeChunk(prefix ? `${prefix}${SEPARATOR}${body}` : body, section, chunks.length));
    }
  }
  return chunks;
}

function makeChunk(text: string, section: Section, index: number): Chunk {
  const chunk: Chunk = { text, headingPath: [...section.headingPath], index };
  if (section.page !== undefined) chunk.page = section.page;
  return chunk;
}

/** Greedy packing of units into ranges, each starting with an overlap into the previous one. */
function packRanges(text: string, target: number, max: number, overlap: number): Range[] {
  const units = splitUnits(text, Math.floor(target));
  const ranges: Range[] = [];
  let i = 0;
  let start = units[0]?.start ?? 0;
  while (i < units.length) {
    const first = units[i]!;
    if (first.end - start > max) start = first.start;
    let end = first.end;
    let next = i + 1;
    for (; next < units.length; next++) {
      const length = units[next]!.end - start;
      // Past the target only to avoid leaving a chunk at less than half of it.
      if (length <= target || (end - start < target / 2 && length <= max)) end = units[next]!.end;
      else break;
    }
    ranges.push({ start, end });
    if (next < units.length) start = overlapStart(text, { start, end }, units[next]!, overlap, max);
    i = next;
  }
  return ranges;
}

/**
 * Where the chunk after `previous` starts: about `overlap` characters before `previous.end` (never more
 * than half of `previous`), at the start of a sentence when one is near, else of a word; no overlap if
 * the next unit would then not fit.
 */
function overlapStart(text: string, previous: Range, nextUnit: Range, overlap: number, max: number): number {
  if (overlap <= 0) return nextUnit.start;
  const floor = previous.start + Math.ceil((previous.end - previous.start) / 2);
  const ideal = Math.max(previous.end - overlap, floor);
  let best: number | undefined;
  for (
    let p = Math.max(previous.end - Math.round(overlap * 1.5), floor);
    p <= previous.end - overlap / 2;
    p++
  ) {
    if (isSentenceStart(text, p) && (best === undefined || Math.abs(p - ideal) < Math.abs(best - ideal)))
      best = p;
  }
  let position = best ?? ideal;
  while (position < previous.end && !isWordStart(text, position)) position++;
  if (position >= previous.end || nextUnit.end - position > max) return nextUnit.start;
  return position;
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordStart = (text: string, p: number) => isSpace(text[p - 1]) && !isSpace(text[p]);
/** After `.`, `!` or `?` (and closing quotes or brackets) and a space, or a line break not in a wrap. */
function isSentenceStart(text: string, p: number): boolean {
  if (!isWordStart(text, p)) return false;
  if (text[p - 1] === "\n") return !/[\p{Ll}\d]/u.test(text[p] ?? "");
  return /[.!?]["'”’)\]]*$/.test(text.slice(Math.max(0, p - 6), p - 1));
}
function headingPrefix(path: string[], settings: Required<ChunkOptions>): string {
  const headings = path.map((h) =>
    h.length > MAX_HEADING_CHARS ? `${h.slice(0, MAX_HEADING_CHARS - 1)}…` : h,
  );
  // A deep path gives way from the top: the innermost headings say the most about the text.
  const limit = Math.floor(settings.maxChars / 4);
  let prefix = headings.join(" > ");
  while (prefix.length > limit && headings.length > 1) {
    headings.splice(0, headings[0] === "…" ? 2 : 1, "…");
    prefix = headings.join(" > ");
  }
  return prefix.length > limit ? `${prefix.slice(0, limit - 1)}…` : prefix;
}

function resolveOptions(options: ChunkOptions): Required<ChunkOptions> {
  const settings = { ...DEFAULTS, ...stripUndefined(options) };
  const { targetChars, maxChars, overlapChars } = settings;
  if (!(Number.isInteger(targetChars) && targetChars >= 50))
    throw new RangeError(`targetChars must be an integer ≥ 50, got ${targetChars}`);
  if (!(Number.isInteger(maxChars) && maxChars >= targetChars))
    throw new RangeError(`maxChars must be an integer ≥ targetChars (${targetChars}), got ${maxChars}`);
  if (!(Number.isInteger(overlapChars) && overlapChars >= 0 && overlapChars < targetChars / 2))
    throw new RangeError(
      `overlapChars must be an integer from 0 to below targetChars / 2, got ${overlapChars}`,
    );
  return settings;
}

function stripUndefined(options: ChunkOptions): ChunkOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
