/**
 * A small PostgreSQL lexer: just enough to split a script into statements and to find `:name`
 * placeholders (RDS and Redshift Data API parameters) without being fooled by string literals,
 * quoted identifiers, dollar-quoted bodies, comments or `::type` casts.
 */

/** One top-level statement of a script, with where it starts (1-based line) for error messages. */
export interface SqlStatement {
  text: string;
  /** Offset of the statement's first character in the whole script. */
  offset: number;
  /** 1-based line of the statement's first character. */
  line: number;
}

/** A `:name` placeholder; `start` is the offset of the colon, `end` is exclusive. */
export interface NamedPlaceholder {
  name: string;
  start: number;
  end: number;
}

type Visitor = {
  /** Called for every character outside literals and comments; return how many chars were consumed. */
  onCode(sql: string, index: number): number;
};

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Length of the literal, identifier or comment starting at `index`, or 0 when code starts there. */
function skippable(sql: string, index: number): number {
  const ch = sql[index];
  const next = sql[index + 1];
  if (ch === "-" && next === "-") {
    const end = sql.indexOf("\n", index);
    return (end === -1 ? sql.length : end + 1) - index;
  }
  if (ch === "/" && next === "*") return blockCommentLength(sql, index);
  if (ch === "'") {
    const prev = sql[index - 1];
    const backslashEscapes = (prev === "E" || prev === "e") && !IDENT_PART.test(sql[index - 2] ?? "");
    return quotedLength(sql, index, "'", backslashEscapes);
  }
  if (ch === '"') return quotedLength(sql, index, '"', false);
  if (ch === "$") {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 64));
    // `$1` is a positional parameter, not a dollar quote; a tag cannot follow an identifier char.
    if (tag && !IDENT_PART.test(sql[index - 1] ?? "")) {
      const close = sql.indexOf(tag[0], index + tag[0].length);
      return (close === -1 ? sql.length : close + tag[0].length) - index;
    }
  }
  return 0;
}

function blockCommentLength(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i - start;
    } else i++;
  }
  return sql.length - start;
}

function quotedLength(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === "\\") i += 2;
    else if (ch === quote && sql[i + 1] === quote) i += 2;
    else if (ch === quote) return i + 1 - start;
    else i++;
  }
  return sql.length - start;
}

function walk(sql: string, visitor: Visitor): void {
  let i = 0;
  while (i < sql.length) {
    const skip = skippable(sql, i);
    if (skip > 0) i += skip;
    else i += Math.max(1, visitor.onCode(sql, i));
  }
}

/** Splits a script on top-level `;`, dropping statements that hold only whitespace and comments. */
export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  const push = (end: number) => {
    const first = firstCodeOffset(sql.slice(start, end));
    if (first !== -1) {
      const offset = start + first;
      statements.push({ text: sql.slice(offset, end).trimEnd(), offset, line: lineAt(sql, offset) });
    }
    start = end + 1;
  };
  walk(sql, {
    onCode(text, index) {
      if (text[index] === ";") push(index);
      return 1;
    },
  });
  if (start < sql.length) push(sql.length);
  return statements;
}

/** Offset of the first character that is neither whitespace nor comment, or -1. */
function firstCodeOffset(sql: string): number {
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] ?? "";
    const isComment = (ch === "-" && sql[i + 1] === "-") || (ch === "/" && sql[i + 1] === "*");
    if (isComment) i += skippable(sql, i);
    else if (/\s/.test(ch)) i++;
    else return i;
  }
  return -1;
}

/** 1-based line number of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/** Finds `:name` placeholders outside literals and comments, ignoring `::type` casts. */
export function findNamedPlaceholders(sql: string): NamedPlaceholder[] {
  const found: NamedPlaceholder[] = [];
  walk(sql, {
    onCode(text, index) {
      if (text[index] !== ":") return 1;
      if (text[index + 1] === ":") return 2; // a cast
      if (text[index + 1] === "=") return 2; // := assignment in DO blocks and named-arg calls
      if (!IDENT_START.test(text[index + 1] ?? "")) return 1;
      let end = index + 2;
      while (end < text.length && IDENT_PART.test(text[end] ?? "")) end++;
      found.push({ name: text.slice(index + 1, end), start: index, end });
      return end - index;
    },
  });
  return found;
}

/**
 * Rewrites `:name` placeholders to `$1, $2, ...` in order of first appearance, so the same name used
 * twice binds one value. `typeCasts` adds `::type` after a placeholder (for the Data APIs' typeHint).
 */
export function toPositionalParameters(
  sql: string,
  typeCasts: ReadonlyMap<string, string> = new Map(),
): { text: string; names: string[] } {
  const names: string[] = [];
  let text = "";
  let last = 0;
  for (const placeholder of findNamedPlaceholders(sql)) {
    let position = names.indexOf(placeholder.name);
    if (position === -1) position = names.push(placeholder.name) - 1;
    const cast = typeCasts.get(placeholder.name);
    text += sql.slice(last, placeholder.start) + `$${position + 1}` + (cast ? `::${cast}` : "");
    last = placeholder.end;
  }
  return { text: text + sql.slice(last), names };
}
