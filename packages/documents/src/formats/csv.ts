import { parse } from "csv-parse/sync";
import { baseName } from "../detect-format.ts";
import { DocumentError } from "../errors.ts";
import { collapseWhitespace } from "../text/normalize.ts";
import type { Section } from "../types.ts";

/** Data rows per section: small enough that a chunk holds a few related rows. */
export const CSV_ROWS_PER_SECTION = 5;
const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * CSV/TSV (read with csv-parse: quoted fields, doubled quotes, embedded newlines): the first row names
 * the columns, and each data row becomes a paragraph of `column: value` lines (empty values left out,
 * line breaks inside a value joined with spaces). Rows are grouped into sections of
 * `CSV_ROWS_PER_SECTION`, each headed `[title, "Rows 1–5"]`. The delimiter is `,`, `;`, tab or `|`,
 * whichever the header line uses most.
 */
export function extractCsv(
  text: string,
  fileName: string,
  fileLabel: string,
): { title: string; sections: Section[]; warnings: string[] } {
  const title = baseName(fileName);
  const records = parseRecords(text, fileLabel);
  const [header = [], ...rows] = records;
  const columns = header.map((name, i) => collapseWhitespace(name) || `column ${i + 1}`);
  const warnings: string[] = [];
  const ragged = rows.filter((row) => row.length !== columns.length).length;
  if (ragged > 0)
    warnings.push(
      `${ragged} row${ragged === 1 ? " has" : "s have"} a different number of values than the header's ${columns.length} columns.`,
    );

  const sections: Section[] = [];
  for (let start = 0; start < rows.length; start += CSV_ROWS_PER_SECTION) {
    const group = rows.slice(start, start + CSV_ROWS_PER_SECTION);
    const text = group
      .map((row) => rowText(row, columns))
      .filter(Boolean)
      .join("\n\n");
    const first = start + 1;
    const last = start + group.length;
    const label = first === last ? `Row ${first}` : `Rows ${first}–${last}`;
    if (text) sections.push({ headingPath: [title, label], text });
  }
  return { title, sections, warnings };
}

function rowText(row: string[], columns: string[]): string {
  return row
    .map((raw, i) => {
      const value = collapseWhitespace(raw);
      return value ? `${columns[i] ?? `column ${i + 1}`}: ${value}` : "";
    })
    .filter(Boolean)
    .join("\n");
}

function parseRecords(text: string, fileLabel: string): string[][] {
  try {
    return parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
  } catch (cause) {
    const line = (cause as { lines?: unknown }).lines;
    const where = typeof line === "number" ? ` near line ${line}` : "";
    const why =
      (cause as { code?: unknown }).code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted value is never closed"
        : "it is not valid CSV";
    throw new DocumentError("corrupt", `${fileLabel} could not be read: ${why}${where}.`, { cause });
  }
}

/** The candidate that occurs most often, outside quotes, on the first line; `,` on a tie. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char))
      counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const delimiter of DELIMITERS)
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}
