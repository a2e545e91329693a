import {
  dollarTagAt,
  endOfBlockComment,
  endOfDollarQuoted,
  endOfLineComment,
  endOfQuoted,
  type RunEnd,
} from "./delimited.ts";
import { IDENT_REST, IDENT_START, SPACE } from "./identifiers.ts";
import type { LexOptions, SqlToken, StringPrefix } from "./tokens.ts";

const DIGITS = /\d+/y;
const NUMBER =
  /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?(?:\.\d[\d_]*|\.(?!\.))?(?:[eE][+-]?\d+)?/y;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?]/;
const PUNCTUATION = /[()[\],;.]/;
/** Letters that turn a following `'...'` into another kind of string (`E` adds backslash escapes). */
const STRING_PREFIXES: Record<string, StringPrefix> = { e: "E", b: "B", x: "X", n: "N" };

/** End of the match of sticky `pattern` at `start` (`start` itself when it matches nothing). */
function matchEnd(pattern: RegExp, sql: string, start: number): number {
  pattern.lastIndex = start;
  return pattern.exec(sql) === null ? start : pattern.lastIndex;
}

function quotedName(sql: string, quoteAt: number, run: RunEnd): string {
  return sql.slice(quoteAt + 1, run.terminated ? run.end - 1 : run.end).replace(/""/g, '"');
}

/**
 * A word, or a string whose prefix is that word: `E'...'`, `B'...'`, `X'...'`, `N'...'`, and the
 * Unicode-escape forms `U&'...'` and `U&"..."`.
 */
function wordOrPrefixed(sql: string, start: number): SqlToken {
  const wordEnd = matchEnd(IDENT_REST, sql, start + 1);
  const text = sql.slice(start, wordEnd);
  const prefix = text.length === 1 ? STRING_PREFIXES[text.toLowerCase()] : undefined;
  if (prefix !== undefined && sql[wordEnd] === "'") {
    const run = endOfQuoted(sql, wordEnd, "'", prefix === "E");
    return { kind: "string", prefix, start, ...run };
  }
  const quote = sql[wordEnd + 1];
  if ((text === "u" || text === "U") && sql[wordEnd] === "&" && (quote === "'" || quote === '"')) {
    const run = endOfQuoted(sql, wordEnd + 1, quote, false);
    if (quote === "'") return { kind: "string", prefix: "U&", start, ...run };
    return {
      kind: "quoted-identifier",
      name: quotedName(sql, wordEnd + 1, run),
      unicodeEscapes: true,
      start,
      ...run,
    };
  }
  return { kind: "word", text, start, end: wordEnd };
}

/** `$1`, `$$...$$`, `$tag$...$tag$`, or a lone `$`. */
function dollar(sql: string, start: number): SqlToken {
  const digitsEnd = matchEnd(DIGITS, sql, start + 1);
  if (digitsEnd > start + 1) {
    return {
      kind: "positional-parameter",
      index: Number(sql.slice(start + 1, digitsEnd)),
      start,
      end: digitsEnd,
    };
  }
  const tag = dollarTagAt(sql, start);
  if (tag === null) return { kind: "other", char: "$", start, end: start + 1 };
  return { kind: "dollar-string", tag: tag.slice(1, -1), start, ...endOfDollarQuoted(sql, start, tag) };
}

/** `::` (a cast), `:name` (with `namedParameters`), or `:` alone. */
function colon(sql: string, start: number, options: LexOptions): SqlToken {
  const next = sql[start + 1] ?? "";
  if (next === ":") return { kind: "operator", text: "::", start, end: start + 2 };
  if (options.namedParameters === true && IDENT_START.test(next)) {
    const end = matchEnd(IDENT_REST, sql, start + 2);
    return { kind: "named-parameter", name: sql.slice(start + 1, end), start, end };
  }
  return { kind: "punctuation", char: ":", start, end: start + 1 };
}

/** The token starting at `start`, which is not whitespace. */
function tokenAt(sql: string, start: number, options: LexOptions): SqlToken {
  const c = sql[start] ?? "";
  const next = sql[start + 1] ?? "";
  if (c === "-" && next === "-")
    return { kind: "comment", style: "line", start, end: endOfLineComment(sql, start) };
  if (c === "/" && next === "*")
    return { kind: "comment", style: "block", start, ...endOfBlockComment(sql, start) };
  if (c === "'") return { kind: "string", prefix: "", start, ...endOfQuoted(sql, start, "'", false) };
  if (c === '"') {
    const run = endOfQuoted(sql, start, '"', false);
    return {
      kind: "quoted-identifier",
      name: quotedName(sql, start, run),
      unicodeEscapes: false,
      start,
      ...run,
    };
  }
  if (c === "$") return dollar(sql, start);
  if (IDENT_START.test(c)) return wordOrPrefixed(sql, start);
  // `1..10` (a PL/pgSQL range) is 1, `.`, `.`, 10: a number never starts at the second dot.
  if (/\d/.test(c) || (c === "." && /\d/.test(next) && sql[start - 1] !== ".")) {
    const end = matchEnd(NUMBER, sql, start);
    return { kind: "number", text: sql.slice(start, end), start, end };
  }
  if (c === ":") return colon(sql, start, options);
  if (PUNCTUATION.test(c)) return { kind: "punctuation", char: c, start, end: start + 1 };
  if (OPERATOR.test(c)) return { kind: "operator", text: c, start, end: start + 1 };
  return { kind: "other", char: c, start, end: start + 1 };
}

/**
 * Splits PostgreSQL-dialect SQL into tokens with their source offsets. It never throws: an
 * unterminated string, quoted identifier, dollar quote or block comment becomes one token running to
 * the end with `terminated: false`, and a character the server has no token for becomes an `other`
 * token, so each caller decides what it refuses. Plain `'...'` strings take backslashes literally
 * (standard_conforming_strings, the server's default).
 */
export function lexSql(sql: string, options: LexOptions = {}): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    if (SPACE.test(sql[i] ?? "")) {
      i += 1;
      continue;
    }
    const token = tokenAt(sql, i, options);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}
