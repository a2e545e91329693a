/** The parts of pdf.js's `TextItem` that layout needs (marked-content items have no `str`). */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: f is the baseline's y (PDF space: up is positive). */
  transform: number[];
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/** A vertical gap this many times the font size between two baselines starts a new paragraph. */
const PARAGRAPH_GAP = 1.7;

/**
 * One page's text items → lines (pdf.js marks line ends with `hasEOL`) → paragraphs: a blank line
 * where the gap between baselines is well beyond normal line spacing, or where the text moves up
 * (the next column).
 */
export function pageTextFromItems(items: readonly PdfTextItem[]): string {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    if (item.str) {
      current ??= { text: "", y: Number(item.transform[5] ?? 0), size: 0 };
      current.text += item.str;
      current.size = Math.max(current.size, Math.abs(item.height));
    }
    if (item.hasEOL && current) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);

  let text = "";
  let previous: Line | undefined;
  for (const line of lines) {
    const content = line.text.replace(/\s+/g, " ").trim();
    if (!content) continue;
    if (previous) {
      const gap = previous.y - line.y;
      const size = Math.max(previous.size, line.size, 1);
      text += gap > PARAGRAPH_GAP * size || gap < -size ? "\n\n" : "\n";
    }
    text += content;
    previous = line;
  }
  return text;
}
