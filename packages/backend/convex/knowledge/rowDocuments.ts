import type { JsonValue, ResultColumn, Row, TableInfo } from "@answerbase/connectors";

/*
 * A database row as a knowledge-base document: readable text (table, then `column: value` lines) under
 * a stable key `schema.table:primary key`, with a hash of text and scope so an unchanged row is
 * recognised before anything is embedded.
 */

/** Longer rows are cut (and reported): one row is one chunk, and chunks should stay small. */
export const MAX_ROW_TEXT = 6_000;

export function tableLabel(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function rowKey(table: TableInfo, row: Row, columns: ResultColumn[]): string {
  const keyColumns = table.primaryKey.length > 0 ? table.primaryKey : columns.map((c) => c.name);
  return `${tableLabel(table)}:${keyColumns.map((name) => formatValue(row[name] ?? null)).join(",")}`;
}

function formatValue(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (!Array.isArray(value) && value.type === "bytes")
    return `[binary, ${JSON.stringify(value.length)} bytes]`;
  return JSON.stringify(value);
}

export interface RowDocument {
  key: string;
  title: string;
  text: string;
  truncated: boolean;
}

/** `related` adds lines such as `product: Wireless Earbuds` found through foreign keys. */
export function rowDocument(
  table: TableInfo,
  row: Row,
  columns: ResultColumn[],
  related: string[] = [],
): RowDocument {
  const key = rowKey(table, row, columns);
  const heading = table.comment ? `${tableLabel(table)} (${table.comment})` : tableLabel(table);
  const lines = [`Table ${heading}, row ${key.slice(tableLabel(table).length + 1)}`];
  for (const column of columns) {
    const value = row[column.name] ?? null;
    if (value !== null && value !== "") lines.push(`${column.name}: ${formatValue(value)}`);
  }
  lines.push(...related);
  const full = lines.join("\n");
  const truncated = full.length > MAX_ROW_TEXT;
  return {
    key,
    title: `${table.name} ${key.slice(tableLabel(table).length + 1)}`,
    text: truncated ? `${full.slice(0, MAX_ROW_TEXT)}…` : full,
    truncated,
  };
}

/**
 * What a row's hash covers: scope and text (callers put the model id in the text's first line), so a
 * re-scoped row is a changed row. The action hashes it with SHA-256 (node:crypto), hex.
 */
export function hashInput(text: string, scope: string): string {
  return `${scope}\n${text}`;
}
