import type { LookupCell, LookupRowSet } from "../support-tools.ts";

/** Rows shown in a table; the rest are counted. */
export const MAX_TABLE_ROWS = 10;
const MAX_CELL_CHARS = 200;
const ACRONYMS = new Set(["id", "sku", "url", "uuid", "vat", "iban", "eta", "api"]);

/** `tracking_number`, `trackingNumber`, `public.order_items` → "tracking number", "order items". */
export function humanizeName(name: string): string {
  const bare = name.slice(name.lastIndexOf(".") + 1) || name;
  return bare
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/[_\-\s]+/g, " ")
    .trim()
    .toLowerCase()
    .split(" ")
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(" ");
}

const isBlank = (value: LookupCell) => value === null || (typeof value === "string" && value.trim() === "");

/** `customer_id`, `orderId`, `public_id`: keys that link rows, meaningless to a customer (`id` itself stays). */
const isLinkColumn = (name: string) => /.(_id|Id)$/.test(name.slice(name.lastIndexOf(".") + 1));

/** A single row with more fields than this reads better as a list than as one sentence. */
const MAX_SENTENCE_FIELDS = 4;

/** A value as the customer reads it: booleans as yes/no, long text cut (never rewritten). */
export function formatCell(value: LookupCell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const text = String(value).replace(/\s+/g, " ").trim();
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS).trimEnd()}…` : text;
}

const tableCell = (value: LookupCell) => formatCell(value).replace(/\|/g, "\\|");

/** One row set as a sentence (one row) or a markdown table (several); undefined when it has no rows. */
export function describeRowSet(set: LookupRowSet): string | undefined {
  const table = humanizeName(set.table);
  const [first, ...others] = set.rows;
  if (!first) return undefined;
  const more = set.truncated ? "\n\nThere are more; ask about a specific one to narrow it down." : "";
  if (others.length === 0) {
    const pairs = set.columns.flatMap((column, i) => {
      const value = first[i] ?? null;
      return isBlank(value) || isLinkColumn(column) ? [] : [`${humanizeName(column)}: ${formatCell(value)}`];
    });
    if (pairs.length === 0) return `I found one entry in ${table}, but it has no values to show.${more}`;
    if (pairs.length > MAX_SENTENCE_FIELDS) {
      return `Here is what I found in ${table}:\n\n${pairs.map((pair) => `- ${pair}`).join("\n")}${more}`;
    }
    return `Here is what I found in ${table}: ${pairs.join(", ")}.${more}`;
  }

  const shown = set.rows.slice(0, MAX_TABLE_ROWS);
  // Columns empty in every shown row only widen the table.
  const columns = set.columns
    .map((name, index) => ({ name, index }))
    .filter(({ name, index }) => !isLinkColumn(name) && shown.some((row) => !isBlank(row[index] ?? null)));
  const lines = [
    `| ${columns.map((c) => humanizeName(c.name)).join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...shown.map((row) => `| ${columns.map((c) => tableCell(row[c.index] ?? null)).join(" | ")} |`),
  ];
  const count = set.rows.length;
  const hidden = count - shown.length;
  const found = `I found ${set.truncated ? "more than " : ""}${count} results in ${table}`;
  const intro = hidden > 0 || set.truncated ? `${found}. The first ${shown.length}:` : `${found}:`;
  const after = hidden > 0 ? `\n\n${hidden} more not shown.` : "";
  return `${intro}\n\n${lines.join("\n")}${after}${more}`;
}
