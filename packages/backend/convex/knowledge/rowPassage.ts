/*
 * An indexed row as a customer reads it. A row document's text starts with its address
 * ("Table clinic.services (Treatments …), row 6") and lists every column, keys included; a reply cites
 * it by what it is ("Sports massage (services)") and shows what it says, without the address or internal keys.
 */

const KEY_LINE = /^(id|[a-z0-9_]+_id)\s*:/i;
const NAME_KEYS = ["name", "full_name", "display_name", "title", "label"];

export interface RowPassage {
  title: string;
  text: string;
}

/** `table` is `schema.name` (the hit's source). */
export function readableRowPassage(text: string, table: string): RowPassage {
  const lines = text.split("\n").filter((line) => !line.startsWith("Table ") && !KEY_LINE.test(line));
  const entries = lines.map((line) => {
    const colon = line.indexOf(": ");
    return colon < 0 ? { key: "", value: line } : { key: line.slice(0, colon), value: line.slice(colon + 2) };
  });
  const named = NAME_KEYS.map((key) => entries.find((e) => e.key.toLowerCase() === key)).find(Boolean);
  const tableName = (table.split(".").at(-1) ?? table).replace(/_/g, " ");
  return {
    // "Sports massage (services)": what the row is, and where it comes from.
    title: named === undefined ? tableName : `${named.value} (${tableName})`,
    text: entries
      .filter((e) => e !== named)
      .map((e) => (e.key === "" ? e.value : `${e.key.replace(/_/g, " ")}: ${e.value}`))
      .join("\n"),
  };
}
