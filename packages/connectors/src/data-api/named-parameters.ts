/**
 * The Data APIs (RDS and Redshift) bind `:name` placeholders, while every SQL our connectors build or
 * accept uses Postgres's `$1..$n`. This rewrites `$n` to `:p<n>` with a small lexer that leaves string
 * literals, quoted identifiers, dollar-quoted bodies and comments alone, so `'$1'`, `"$1"` and
 * `$$ $1 $$` are not parameters, and `$1::int` stays a cast (`:p1::int`).
 *
 * The same lexer lives in packages/local-cloud/src/sql/sql-lexer.ts (the emulators' side); connectors
 * cannot import local-cloud at runtime, hence this copy of the part we need.
 */

const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The SQL with `$n` rewritten to `:p<n>`, and the 1-based parameter numbers it uses. */
export interface NamedSql {
  sql: string;
  used: Set<number>;
}

/** The Data API name of positional parameter `n` (1-based). */
export function parameterName(position: number): string {
  return `p${position}`;
}

/** Rewrites `$1..$n` placeholders outside literals, identifiers and comments to `:p1..:pn`. */
export function toNamedParameters(sql: string): NamedSql {
  const used = new Set<number>();
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const skip = skippableLength(sql, i);
    if (skip > 0) {
      out += sql.slice(i, i + skip);
      i += skip;
      continue;
    }
    const placeholder =
      sql[i] === "$" && !IDENT_PART.test(sql[i - 1] ?? "") ? /^\$(\d+)/.exec(sql.slice(i, i + 12)) : null;
    if (placeholder) {
      const position = Number(placeholder[1]);
      used.add(position);
      // `$1:$2` (an array slice) must not become `:p1::p2`, which the Data API would read as a cast.
      if (out.endsWith(":")) out += " ";
      out += `:${parameterName(position)}`;
      i += placeholder[0].length;
      continue;
    }
    out += sql[i];
    i++;
  }
  return { sql: out, used };
}

/** Length of the literal, quoted identifier or comment starting at `index`, or 0 when code starts there. */
function skippableLength(sql: string, index: number): number {
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
  if (ch === "$" && !IDENT_PART.test(sql[index - 1] ?? "")) {
    // `$tag$ ... $tag$` or `$$ ... $$`; `$1` is a parameter, not a tag (tags cannot start with a digit).
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 64));
    if (tag) {
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
