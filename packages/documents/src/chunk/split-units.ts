/** A half-open range of a section's text: `text.slice(start, end)`. */
export interface Range {
  start: number;
  end: number;
}

const sentences = new Intl.Segmenter("en", { granularity: "sentence" });
const CONTINUATION = /\n(?=[\p{Ll}\d])/gu;

/**
 * The pieces chunks are packed from, each at most `maxUnit` characters and trimmed of surrounding
 * whitespace: whole paragraphs where they fit, else their sentences (a line break ends one unless the
 * next line starts in lower case), else words. Only a single word longer than `maxUnit` (a long URL, a hash) is cut inside.
 */
export function splitUnits(text: string, maxUnit: number): Range[] {
  const units: Range[] = [];
  for (const paragraph of matches(text, /\S(?:[\s\S]*?\S)?(?=\s*\n[ \t]*\n|\s*$)/g, 0)) {
    if (paragraph.end - paragraph.start <= maxUnit) {
      units.push(paragraph);
      continue;
    }
    for (const sentence of sentenceRanges(text, paragraph)) {
      if (sentence.end - sentence.start <= maxUnit) units.push(sentence);
      else
        for (const word of matches(text.slice(sentence.start, sentence.end), /\S+/g, sentence.start))
          units.push(...cutLongWord(text, word, maxUnit));
    }
  }
  return units;
}

function sentenceRanges(text: string, paragraph: Range): Range[] {
  const ranges: Range[] = [];
  // A line break followed by a lower-case letter or digit is a wrapped line (PDF text), not the end
  // of a sentence; a space in its place keeps every index the same.
  const slice = text.slice(paragraph.start, paragraph.end).replace(CONTINUATION, " ");
  let start: number | undefined;
  for (const { segment, index } of sentences.segment(slice)) {
    start ??= paragraph.start + index + (segment.length - segment.trimStart().length);
    const end = paragraph.start + index + segment.trimEnd().length;
    // ICU also breaks after "?" or "!" with no space ("track?id=1"): such a break is inside a word.
    if (end === paragraph.end || /\s$/.test(segment)) {
      if (end > start) ranges.push({ start, end });
      start = undefined;
    }
  }
  return ranges;
}

function cutLongWord(text: string, word: Range, maxUnit: number): Range[] {
  const pieces: Range[] = [];
  let start = word.start;
  while (word.end - start > maxUnit) {
    let end = start + maxUnit;
    // Never between the two halves of a surrogate pair.
    if (isLowSurrogate(text.charCodeAt(end))) end--;
    pieces.push({ start, end });
    start = end;
  }
  pieces.push({ start, end: word.end });
  return pieces;
}

function matches(text: string, pattern: RegExp, offset: number): Range[] {
  return [...text.matchAll(pattern)].map((m) => ({
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  }));
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
