import { identifierName, lexSql } from "@answerbase/sql-lexer";
import { appError } from "../lib/errors";

/*
 * Names, strings, numbers, `$n` parameters and punctuation in SQL written by a language model, read
 * with the shared lexer (`@answerbase/sql-lexer`): unquoted identifiers folded to lower case and
 * truncated to 63 bytes, as the server does; comments dropped. What it cannot read the same way as the
 * server it refuses: dollar quoting, Unicode escapes (U&"..." and U&'...'), unterminated strings,
 * identifiers or comments, and characters the server has no token for. The real parser (the
 * connector's guard) runs on the final statement anyway; this only has to agree with it on where
 * names are.
 */

export type SqlToken =
  | { kind: "identifier"; name: string; start: number; end: number }
  | { kind: "string" | "number" | "operator"; start: number; end: number }
  | { kind: "parameter"; index: number; start: number; end: number }
  | { kind: "punctuation"; char: string; start: number; end: number };

function refuse(message: string): never {
  throw appError("invalid_input", `This SQL cannot be scoped safely: ${message}.`);
}

/** The tokens of `sql` without comments; throws `invalid_input` for what it cannot read safely. */
export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  for (const token of lexSql(sql)) {
    const { start, end } = token;
    switch (token.kind) {
      case "comment":
        if (token.style === "block" && !token.terminated) refuse("an unterminated comment");
        break;
      case "word":
        // The server reads U& only right before a quote (refused below); any `u&` is refused to stay
        // on the safe side of that rule.
        if (/^[uU]$/.test(token.text) && sql[end] === "&") {
          refuse("Unicode-escaped names and strings are not supported");
        }
        tokens.push({ kind: "identifier", name: identifierName(token), start, end });
        break;
      case "quoted-identifier":
        if (!token.terminated) refuse("an unterminated quoted identifier");
        if (token.unicodeEscapes) refuse("Unicode-escaped names and strings are not supported");
        if (token.name.length === 0) refuse("an empty quoted identifier");
        tokens.push({ kind: "identifier", name: identifierName(token), start, end });
        break;
      case "string":
        if (!token.terminated) refuse("an unterminated string");
        if (token.prefix === "U&") refuse("Unicode-escaped names and strings are not supported");
        tokens.push({ kind: "string", start, end });
        break;
      case "dollar-string":
        refuse("dollar quoting is not supported");
        break;
      case "number":
      case "operator":
        tokens.push({ kind: token.kind, start, end });
        break;
      case "positional-parameter":
        tokens.push({ kind: "parameter", index: token.index, start, end });
        break;
      case "punctuation":
        tokens.push({ kind: "punctuation", char: token.char, start, end });
        break;
      case "other":
        refuse(
          token.char === "$" ? "dollar quoting is not supported" : `an unexpected character "${token.char}"`,
        );
        break;
    }
  }
  return tokens;
}
