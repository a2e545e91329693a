import type * as LibPgQuery from "libpg-query";
import type { Node, ParseResult, ScanResult } from "libpg-query";
import { ConnectorError } from "../core/errors.ts";

/** Longer agent SQL is almost certainly not a question about a shop's data. */
export const MAX_SQL_LENGTH = 20_000;
/**
 * The WASM parser overflows the JS stack somewhere past ~8,000 nested operators, and after one
 * overflow later deep parses keep failing, leak memory and may hang. Counting tokens first (the
 * scanner is not recursive) keeps every input far from that edge.
 */
export const MAX_SQL_TOKENS = 4_000;
/** Parentheses and brackets; also bounds how deep our own walk recurses. */
export const MAX_NESTING = 100;

// Tab, line feed and carriage return are whitespace; every other C0 control character is refused.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

let parser: Promise<typeof LibPgQuery> | undefined;

/**
 * The parser loads on first use: importing it compiles 1.7 MB of WASM, which callers that never
 * check agent SQL should not pay for.
 */
export function loadParser(): Promise<typeof LibPgQuery> {
  parser ??= (async () => {
    try {
      const module = await import("libpg-query");
      await module.loadModule();
      return module;
    } catch (error) {
      parser = undefined; // let the next call try again
      throw new ConnectorError("internal", "The SQL parser could not be loaded.", { cause: error });
    }
  })();
  return parser;
}

export interface ParsedStatement {
  /** The statement's node, e.g. `{ SelectStmt: {...} }`. */
  node: Node;
  /** The statement's own text: no trailing semicolon, comment or whitespace. */
  text: string;
}

/** One statement parsed by the real Postgres parser, after the lexical checks below. */
export async function parseOneStatement(sql: string): Promise<ParsedStatement> {
  checkText(sql);
  const { parse, scan } = await loadParser();
  // Tokens first: their count bounds the tree depth before the recursive parser sees the input.
  const tokens = await scan(sql).catch(() => null);
  if (tokens) checkTokens(tokens);
  // The scanner reports lexical errors without a message; the parser says what and where.
  const result = await parse(sql).catch((error: unknown) => {
    throw syntaxError(error);
  });
  if (!tokens) throw new ConnectorError("rejected_sql", "The SQL could not be tokenized.");
  return onlyStatement(sql, result, tokens);
}

function checkText(sql: string): void {
  if (sql.trim().length === 0) throw new ConnectorError("rejected_sql", "The SQL is empty.");
  if (sql.length > MAX_SQL_LENGTH) {
    throw new ConnectorError(
      "rejected_sql",
      `The SQL is ${sql.length} characters long; at most ${MAX_SQL_LENGTH} are allowed.`,
    );
  }
  // The parser reads a C string and stops at NUL, while an HTTP driver would send the rest too.
  if (sql.includes("\u0000")) throw new ConnectorError("rejected_sql", "The SQL contains a NUL character.");
  // Other control characters have no use in a query and break the scanner's JSON output.
  if (CONTROL_CHARACTER.test(sql))
    throw new ConnectorError("rejected_sql", "The SQL contains a control character.");
  if (!sql.isWellFormed())
    throw new ConnectorError("rejected_sql", "The SQL contains an unpaired UTF-16 surrogate.");
}

/**
 * Refuses token shapes that the server could read differently from the parser here:
 * - `'...\'...'`: with standard_conforming_strings off (Redshift, old Postgres settings) a
 *   backslash escapes the quote, so `'a\', pg_sleep(9), '` hides code inside what we see as strings;
 * - nested block comments: Postgres nests them, other engines end at the first `*∕`;
 * - dollar quoting: Postgres-only, and nothing a read query needs.
 */
function checkTokens({ tokens }: ScanResult): void {
  if (tokens.length > MAX_SQL_TOKENS) {
    throw new ConnectorError(
      "rejected_sql",
      `The SQL has ${tokens.length} tokens; at most ${MAX_SQL_TOKENS} are allowed.`,
    );
  }
  let depth = 0;
  for (const { text, tokenName } of tokens) {
    if (text === "(" || text === "[") depth += 1;
    if (text === ")" || text === "]") depth -= 1;
    if (depth > MAX_NESTING)
      throw new ConnectorError("rejected_sql", `The SQL is nested more than ${MAX_NESTING} levels deep.`);
    if (text.startsWith("'") && /(^|[^\\])(\\\\)*\\'/.test(text.slice(1))) {
      throw new ConnectorError(
        "rejected_sql",
        `A string literal ends in a backslash before a quote (${preview(text)}), which some servers read as an escaped quote; use E'...' or '' instead.`,
      );
    }
    if (text.startsWith("$") && tokenName === "SCONST") {
      throw new ConnectorError("rejected_sql", "Dollar-quoted strings are not allowed; use '...'.");
    }
    if (text.startsWith("/*") && text.slice(2).includes("/*")) {
      throw new ConnectorError("rejected_sql", "Nested block comments are not allowed.");
    }
  }
}

function onlyStatement(sql: string, result: ParseResult, { tokens }: ScanResult): ParsedStatement {
  const statements = result.stmts ?? [];
  if (statements.length > 1) {
    throw new ConnectorError(
      "rejected_sql",
      `Only one statement is allowed; this SQL has ${statements.length}.`,
    );
  }
  const [first] = statements;
  if (!first?.stmt) throw new ConnectorError("rejected_sql", "The SQL contains no statement.");
  // Offsets are UTF-8 bytes. The statement ends with its last token that is not a comment or `;`.
  const significant = tokens.filter(({ tokenName, text }) => !tokenName.endsWith("_COMMENT") && text !== ";");
  const start = first.stmt_location ?? 0;
  const end = significant.at(-1)?.end ?? start;
  const text = Buffer.from(sql, "utf8").subarray(start, end).toString("utf8").trim();
  return { node: first.stmt, text };
}

function syntaxError(error: unknown): ConnectorError {
  const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  if (details?.message !== undefined) {
    const at = details.cursorPosition === undefined ? "" : ` (character ${details.cursorPosition + 1})`;
    return new ConnectorError("syntax", `The SQL does not parse: ${details.message}${at}.`, {
      cause: error,
      sqlState: "42601",
      position: details.cursorPosition === undefined ? undefined : details.cursorPosition + 1,
    });
  }
  return new ConnectorError("rejected_sql", "The SQL could not be parsed.", { cause: error });
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
