/** The highest `$n` placeholder in a query (0 when none, at most 20): how many values it binds. */
export function placeholderCount(sql: string): number {
  let highest = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  return Math.min(highest, 20);
}
