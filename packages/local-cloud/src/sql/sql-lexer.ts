/**
 * What the emulators need to know about a script, read with the shared lexer (`@answerbase/sql-lexer`):
 * where its statements start and end, and where its `:name` placeholders (RDS and Redshift Data API
 * parameters) are, without being fooled by string literals, quoted identifiers, dollar-quoted bodies,
 * comments or `::type` casts. An unterminated literal or comment runs to the end of the script, so
 * the server reports it.
 */
import { lexSql } from "@answerbase/sql-lexer";

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

/** Splits a script on top-level `;`, dropping statements that hold only whitespace and comments. */
export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  // Offset of the current statement's first token that is not a comment, or null while there is none.
  let first: number | null = null;
  const push = (end: number) => {
    if (first !== null) {
      statements.push({ text: sql.slice(first, end).trimEnd(), offset: first, line: lineAt(sql, first) });
    }
    first = null;
  };
  for (const token of lexSql(sql)) {
    if (token.kind === "punctuation" && token.char === ";") push(token.start);
    else if (token.kind !== "comment") first ??= token.start;
  }
  push(sql.length);
  return statements;
}

/** 1-based line number of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/** Finds `:name` placeholders outside literals and comments, ignoring `::type` casts. */
export function findNamedPlaceholders(sql: string): NamedPlaceholder[] {
  return lexSql(sql, { namedParameters: true }).flatMap((token) =>
    token.kind === "named-parameter" ? [{ name: token.name, start: token.start, end: token.end }] : [],
  );
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
