/**
 * The character classes of PostgreSQL's scanner (scan.l), and the name it gives an identifier.
 * Regexes without the `u` flag see UTF-16 code units, so `\u0080-\uffff` also covers both halves of
 * characters outside the BMP, as the server's "any byte >= 0x80" does for UTF-8.
 */

/** First character of an unquoted identifier or keyword. */
export const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
/** The rest of an unquoted identifier, sticky (`$` included: `a$1` is one name). */
export const IDENT_REST = /[A-Za-z0-9_$\u0080-\uffff]*/y;
/** The server's whitespace: ASCII only (a no-break space is part of an identifier there). */
export const SPACE = /[ \t\n\r\f\v]/;

/** NAMEDATALEN - 1: the longest name, in bytes, the server keeps. */
const MAX_NAME_BYTES = 63;

/** The server's identifier truncation: at most 63 bytes, never in the middle of a character. */
export function truncateIdentifier(name: string): string {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= MAX_NAME_BYTES) return name;
  let cut = MAX_NAME_BYTES;
  // Step back over UTF-8 continuation bytes (10xxxxxx) to the start of the character cut in two.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return new TextDecoder().decode(bytes.slice(0, cut));
}

/**
 * The name the server gives an identifier: an unquoted word folded to lower case (ASCII letters only,
 * as `downcase_identifier` does in UTF-8 databases) and truncated; a quoted name only truncated.
 */
export function identifierName(
  token: { kind: "word"; text: string } | { kind: "quoted-identifier"; name: string },
): string {
  if (token.kind === "quoted-identifier") return truncateIdentifier(token.name);
  return truncateIdentifier(token.text.replace(/[A-Z]/g, (letter) => letter.toLowerCase()));
}
