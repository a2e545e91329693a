/** A GFM pipe table: header labels and rows of cell texts (as many cells as labels). */
export type MarkdownTable = { header: string[]; rows: string[][] };

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
/** Lines that start another block end a table, as in GFM (a line without pipes is still a row). */
const STARTS_BLOCK = /^\s*(#{1,6}\s|>|[-*+]\s|\d+\.\s|```)/;

/** `| a | b \| c |` → ["a", "b | c"]: outer pipes optional, `\|` is a pipe inside a cell. */
function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/**
 * The first GFM table in a block's lines, with the lines before and after it; undefined when there is
 * none. A header row is followed by a delimiter row with the same number of cells (`| --- | :-: |`).
 */
export function findTable(
  lines: string[],
): { before: string[]; table: MarkdownTable; after: string[] } | undefined {
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i] ?? "";
    const delimiter = lines[i + 1] ?? "";
    if (!head.includes("|") || !DELIMITER_ROW.test(delimiter)) continue;
    const header = splitRow(head);
    if (splitRow(delimiter).length !== header.length) continue;
    let end = i + 2;
    while (end < lines.length && !STARTS_BLOCK.test(lines[end] ?? "")) end++;
    const rows = lines.slice(i + 2, end).map((line) => {
      const cells = splitRow(line);
      return header.map((_, column) => cells[column] ?? "");
    });
    return { before: lines.slice(0, i), table: { header, rows }, after: lines.slice(end) };
  }
  return undefined;
}
