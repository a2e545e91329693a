/*
 * RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a double quote, CR or LF, and
 * a quote inside a quoted field doubled. NULL is the empty field; json cells are their JSON text.
 * No formula escaping: the file holds the database's values exactly, for tools rather than for a
 * spreadsheet that would evaluate a leading `=`.
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint"
        ? String(value)
        : JSON.stringify(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}
