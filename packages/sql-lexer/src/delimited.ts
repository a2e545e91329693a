/**
 * Where quoted runs and comments end. Each returns the offset after the closing delimiter, or the
 * input's length with `terminated: false` when there is none (the caller decides whether that is an
 * error; see `Delimited`).
 */

/** The exclusive end of a run, and whether its closing delimiter was found. */
export interface RunEnd {
  end: number;
  terminated: boolean;
}

/**
 * A `'` or `"` run whose opening quote is at `start`. A doubled quote is an escaped quote; with
 * `backslashEscapes` (E'' strings) a backslash escapes the next character. Plain strings take
 * backslashes literally: the server's standard_conforming_strings has been on by default since 9.1.
 */
export function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): RunEnd {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return { end: i + 1, terminated: true };
    else i += 1;
  }
  return { end: sql.length, terminated: false };
}

/** A block comment starting at `start`; block comments nest, as in the server (unlike the standard). */
export function endOfBlockComment(sql: string, start: number): RunEnd {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return { end: i, terminated: true };
    } else i += 1;
  }
  return { end: sql.length, terminated: false };
}

/** A `-- ...` comment ends before the line break (`\n` or `\r`), which is whitespace. */
export function endOfLineComment(sql: string, start: number): number {
  for (let i = start + 2; i < sql.length; i++) if (sql[i] === "\n" || sql[i] === "\r") return i;
  return sql.length;
}

/** A tag cannot start with a digit, so `$1` is a parameter and `$1$` is not a quote. */
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** The opening `$tag$` at `start` (as written, `$` included), or null. */
export function dollarTagAt(sql: string, start: number): string | null {
  DOLLAR_TAG.lastIndex = start;
  return DOLLAR_TAG.exec(sql)?.[0] ?? null;
}

/** A dollar-quoted body whose opening `opener` (e.g. `$body$`) is at `start`; nothing inside is escaped. */
export function endOfDollarQuoted(sql: string, start: number, opener: string): RunEnd {
  const close = sql.indexOf(opener, start + opener.length);
  if (close === -1) return { end: sql.length, terminated: false };
  return { end: close + opener.length, terminated: true };
}
