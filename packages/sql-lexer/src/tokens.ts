/** Where a token is in the source: `start` is its first character's offset, `end` is exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/**
 * Literals and comments that need a closing delimiter. An unterminated one runs to the end of the
 * input with `terminated: false` rather than throwing: the Data API rewriters pass such SQL on for
 * the server to reject, while the backend refuses it with its own message.
 */
export interface Delimited extends SourceSpan {
  terminated: boolean;
}

/** The letter(s) before a quoted string that change how the server reads it. */
export type StringPrefix = "" | "E" | "B" | "X" | "N" | "U&";

/** One token of PostgreSQL-dialect SQL. Whitespace between tokens is not a token. */
export type SqlToken =
  /** A keyword or unquoted identifier exactly as written (see `identifierName` for the server's name). */
  | ({ kind: "word"; text: string } & SourceSpan)
  /** `"..."`; `name` has `""` unescaped. `U&"..."` has `unicodeEscapes` and its escapes left as written. */
  | ({ kind: "quoted-identifier"; name: string; unicodeEscapes: boolean } & Delimited)
  /** `'...'`, `E'...'` (backslash escapes), `B'...'`, `X'...'`, `N'...'`, `U&'...'`. */
  | ({ kind: "string"; prefix: StringPrefix } & Delimited)
  /** `$$...$$` or `$tag$...$tag$`; `tag` is "" for `$$`. */
  | ({ kind: "dollar-string"; tag: string } & Delimited)
  /** Integers, decimals, exponents, `0x`/`0o`/`0b` literals, `_` digit separators. */
  | ({ kind: "number"; text: string } & SourceSpan)
  /** `$1`, `$2`, ...: `index` is the 1-based position. */
  | ({ kind: "positional-parameter"; index: number } & SourceSpan)
  /** `:name`, only with `namedParameters: true`; `start` is the colon's offset. */
  | ({ kind: "named-parameter"; name: string } & SourceSpan)
  /** `-- ...` up to (not including) the line break, or a block comment (nested ones included). */
  | ({ kind: "comment"; style: "line" } & SourceSpan)
  | ({ kind: "comment"; style: "block" } & Delimited)
  /**
   * One operator character (`+`, `<`, `=`, ...), or the `::` cast. One character each, so `--` or `/*`
   * inside a run like `+--` still starts a comment, as the server cuts operators there too.
   */
  | ({ kind: "operator"; text: string } & SourceSpan)
  /** One of `( ) [ ] , ; : .` */
  | ({ kind: "punctuation"; char: string } & SourceSpan)
  /** A character the server's lexer has no token for (`\`, `{`, a control character, a lone `$`). */
  | ({ kind: "other"; char: string } & SourceSpan);

/** The `kind`s of `SqlToken`. */
export type SqlTokenKind = SqlToken["kind"];

/** How to read the input. */
export interface LexOptions {
  /**
   * Read `:name` as a named parameter, as the RDS and Redshift Data APIs do. Off (the default), `:`
   * is punctuation and `name` a word, as PostgreSQL itself reads them (`arr[1:n]` is a slice).
   * `::` is always a cast, never a parameter.
   */
  namedParameters?: boolean;
}
