import { lexSql, type LexOptions } from "../../src/index.ts";

/** Each token as `"<kind> <source text>"`, the form most assertions read best in. */
export function lexed(sql: string, options?: LexOptions): string[] {
  return lexSql(sql, options).map((t) => `${t.kind} ${sql.slice(t.start, t.end)}`);
}
