import { Fragment, type ReactNode } from "react";
import { findTable, type MarkdownTable } from "./markdown-table";

const LINK = /^\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)$/;

/**
 * `**bold**`, `` `code` `` and `[text](https://…)` inside one line, as React elements (never raw HTML);
 * links open outside the dashboard, as in the widget, and only http(s) ones are links.
 */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\(https?:\/\/[^\s)]+\))/g).map((part, i) => {
    const link = LINK.exec(part);
    if (link)
      return (
        <a key={i} href={link[2]} target="_blank" rel="noopener noreferrer nofollow" className="underline">
          {link[1]}
        </a>
      );
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 2)
      return (
        <code key={i} className="rounded bg-muted px-1 font-mono text-[0.9em]">
          {part.slice(1, -1)}
        </code>
      );
    return <Fragment key={i}>{part}</Fragment>;
  });
}

/**
 * Tables wider than this become stacked cards, the widget's rule (apps/widget/src/markdown.tsx): past
 * three columns a 320 px bubble squeezes cells to a letter per line, so the customer saw cards, one per
 * row with "column: value" lines, and the playground and inbox show the same reply the same way.
 */
const MAX_TABLE_COLUMNS = 3;

/** A header as a card's label: its text without markup, as the widget labels its cards. */
const plainText = (markdown: string) => markdown.replace(/\*\*|`/g, "");

function Table({ table }: { table: MarkdownTable }) {
  if (table.header.length > MAX_TABLE_COLUMNS) {
    return (
      <div className="grid gap-1.5 text-xs leading-snug" data-testid="reply-table-cards">
        {table.rows.map((row, i) => (
          <dl key={i} className="m-0 flex flex-wrap gap-x-3.5 rounded-lg border bg-background px-2 py-1.5">
            {row.map((value, column) =>
              value === "" ? null : (
                <div key={column}>
                  <dt className="inline text-muted-foreground">{plainText(table.header[column] ?? "")}:</dt>{" "}
                  <dd className="m-0 inline">{inline(value)}</dd>
                </div>
              ),
            )}
          </dl>
        ))}
      </div>
    );
  }
  // Cells break at spaces only (never a letter per line) and a wide table scrolls in its own box.
  const cell = "min-w-12 max-w-[220px] border px-1.5 py-0.5 text-left align-top break-normal";
  return (
    <div className="overflow-x-auto" data-testid="reply-table">
      <table className="border-collapse text-xs">
        <thead>
          <tr>
            {table.header.map((label, column) => (
              <th key={column} className={`${cell} font-semibold whitespace-nowrap`}>
                {inline(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((value, column) => (
                <td key={column} className={cell}>
                  {inline(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A paragraph, a "-"/"*"/"1." list, or text around a GFM table. */
function Block({ lines }: { lines: string[] }): ReactNode {
  if (lines.length === 0) return null;
  const found = findTable(lines);
  if (found) {
    return (
      <>
        <Block lines={found.before} />
        <Table table={found.table} />
        <Block lines={found.after} />
      </>
    );
  }
  if (lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l))) {
    const ordered = /^\s*\d+\./.test(lines[0] ?? "");
    const items = lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*([-*]|\d+\.)\s+/, ""))}</li>);
    return ordered ? (
      <ol className="list-decimal pl-5">{items}</ol>
    ) : (
      <ul className="list-disc pl-5">{items}</ul>
    );
  }
  return <p className="whitespace-pre-wrap">{inline(lines.join("\n"))}</p>;
}

/**
 * The part of markdown the agent writes: paragraphs, "-"/"*"/"1." lists, GFM tables, bold, inline
 * code and links. Anything else shows as the text it is.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const blocks = text.replace(/\r\n/g, "\n").split(/\n{2,}/);
  return (
    <div className="grid gap-2 text-sm leading-relaxed" data-testid={testId}>
      {blocks.map((block, i) => (
        <Block key={i} lines={block.split("\n").filter((l) => l.trim() !== "")} />
      ))}
    </div>
  );
}
