import type { CatalogNamespace } from "./sql-editor";

/** The Database page's table list as the editor's completion source: schema → table → columns. */
export function catalogNamespace(
  tables: readonly { schema: string; name: string; columns: readonly { name: string }[] }[],
): CatalogNamespace {
  const namespace: Record<string, Record<string, string[]>> = {};
  for (const table of tables) {
    (namespace[table.schema] ??= {})[table.name] = table.columns.map((column) => column.name);
  }
  return namespace;
}

/** Line and column (1-based) of a 1-based character position, as an error shows it. */
export function lineAndColumn(sql: string, position: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, position - 1)).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
