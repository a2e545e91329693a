/**
 * The Data APIs (RDS and Redshift) bind `:name` placeholders, while every SQL our connectors build or
 * accept uses Postgres's `$1..$n`. This rewrites `$n` to `:p<n>`, reading the SQL with the shared
 * lexer so that `'$1'`, `"$1"`, `$$ $1 $$` and comments are left alone, and `$1::int` stays a cast
 * (`:p1::int`).
 */
import { lexSql } from "@answerbase/sql-lexer";

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
  let last = 0;
  for (const token of lexSql(sql)) {
    if (token.kind !== "positional-parameter") continue;
    used.add(token.index);
    out += sql.slice(last, token.start);
    // `$1:$2` (an array slice) must not become `:p1::p2`, which the Data API would read as a cast.
    if (out.endsWith(":")) out += " ";
    out += `:${parameterName(token.index)}`;
    last = token.end;
  }
  return { sql: out + sql.slice(last), used };
}
