import { appError } from "../errors";

/*
 * A PostgreSQL lexer, just enough to find names in SQL written by a language model: identifiers
 * (unquoted ones folded to lower case and truncated to 63 bytes, as the server does), quoted
 * identifiers, strings (standard, E'' with backslash escapes, B/X/N prefixes), comments (nested block
 * comments like the server's), positional parameters, numbers and punctuation. What it cannot read
 * the same way as the server it refuses: dollar quoting, Unicode-escaped identifiers (U&"..."), and
 * unterminated strings, identifiers or comments. The real parser (the connector's guard) runs on the
 * final statement anyway; this only has to agree with it on where names are.
 */

export type SqlToken =
  | { kind: "identifier"; name: string; start: number; end: number }
  | { kind: "string" | "number" | "operator"; start: number; end: number }
  | { kind: "parameter"; index: number; start: number; end: number }
  | { kind: "punctuation"; char: string; start: number; end: number };

const NAMEDATALEN = 63;
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?]/;
const PUNCTUATION = /[()[\],;:.]/;
/** The server's whitespace: ASCII only (a no-break space is part of an identifier there). */
const SPACE = /[ \t\n\r\f\v]/;

function refuse(message: string): never {
  throw appError("invalid_input", `This SQL cannot be scoped safely: ${message}.`);
}

/** The server's identifier truncation: at most 63 bytes, never in the middle of a character. */
function truncate(name: string): string {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= NAMEDATALEN) return name;
  let cut = NAMEDATALEN;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return new TextDecoder().decode(bytes.slice(0, cut));
}

/** Index after the closing quote of a quoted run starting at `start` (the opening quote). */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return refuse(quote === '"' ? "an unterminated quoted identifier" : "an unterminated string");
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return refuse("an unterminated comment");
}

function endOfNumber(sql: string, start: number): number {
  const match =
    /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?(\.\d[\d_]*|\.)?([eE][+-]?\d+)?)/.exec(
      sql.slice(start, start + 200),
    );
  const length = match?.[0].length ?? 0;
  return start + Math.max(length, 1);
}

export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    if (SPACE.test(c)) i += 1;
    else if (sql.startsWith("--", i)) {
      const newline = sql.slice(i).search(/[\n\r]/);
      i = newline < 0 ? sql.length : i + newline;
    } else if (sql.startsWith("/*", i)) i = endOfBlockComment(sql, i);
    else if (c === "'") {
      i = endOfQuoted(sql, i, "'", false);
      tokens.push({ kind: "string", start, end: i });
    } else if (c === '"') {
      i = endOfQuoted(sql, i, '"', false);
      const name = sql.slice(start + 1, i - 1).replace(/""/g, '"');
      if (name.length === 0) refuse("an empty quoted identifier");
      tokens.push({ kind: "identifier", name: truncate(name), start, end: i });
    } else if (c === "$") {
      const digits = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (digits === null) refuse("dollar quoting is not supported");
      i += digits[0].length;
      tokens.push({ kind: "parameter", index: Number(digits[1]), start, end: i });
    } else if (IDENT_START.test(c)) {
      while (i < sql.length && IDENT_PART.test(sql[i]!)) i += 1;
      const word = sql.slice(start, i);
      const next = sql[i];
      if (/^[uU]$/.test(word) && next === "&") refuse("Unicode-escaped names and strings are not supported");
      if (/^[eE]$/.test(word) && next === "'") {
        i = endOfQuoted(sql, i, "'", true);
        tokens.push({ kind: "string", start, end: i });
      } else if (/^[bBxXnN]$/.test(word) && next === "'") {
        i = endOfQuoted(sql, i, "'", false);
        tokens.push({ kind: "string", start, end: i });
      } else {
        tokens.push({
          kind: "identifier",
          name: truncate(word.replace(/[A-Z]/g, (l) => l.toLowerCase())),
          start,
          end: i,
        });
      }
    } else if (/\d/.test(c) || (c === "." && /\d/.test(sql[i + 1] ?? ""))) {
      i = endOfNumber(sql, i);
      tokens.push({ kind: "number", start, end: i });
    } else if (PUNCTUATION.test(c)) {
      i += 1;
      tokens.push({ kind: "punctuation", char: c, start, end: i });
    } else if (OPERATOR.test(c)) {
      // One character at a time, so "--" or "/*" inside an operator still starts a comment.
      i += 1;
      tokens.push({ kind: "operator", start, end: i });
    } else {
      refuse(`an unexpected character "${c}"`);
    }
  }
  return tokens;
}
