/**
 * Canonical text for sections: `\n` line ends, no trailing spaces, no invisible characters, at most one
 * blank line between paragraphs, no leading or trailing blank lines. Indentation inside lines is kept
 * (code blocks, tables).
 */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\f/g, "\n\n")
      .replace(/\u00a0/g, " ")
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
      // Control characters other than tab and newline (a stray NUL or escape code in an export).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "")
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/^\n+/, "")
      .trimEnd()
  );
}

/** Inline text (a heading, a table cell, a CSV value): one line, single spaces. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}

/** A short line that reads like a title rather than the first sentence of the body. */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 100) return false;
  if (!/\p{L}/u.test(text)) return false;
  if (/[.,;:]$/.test(text)) return false;
  return text.split(/\s+/).length <= 15;
}
