import { Children, isValidElement, type ReactElement, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Tables wider than this become stacked cards. Three short columns still fit the 320 px widget's
 * bubble (~240 px) as a table; past that the cells squeeze to a letter per line, and a sideways scroll
 * box shows two columns at a time and hides which row a cell belongs to. A card per row ("column:
 * value" lines) keeps each row's fields together and reads top to bottom like the rest of the chat.
 * The dashboard (apps/web/src/components/conversations/markdown.tsx) applies the same rule, so the
 * playground and inbox show a reply as the customer saw it.
 */
const MAX_TABLE_COLUMNS = 3;

/** The text of a hast node (a header cell), without rendering it. */
type HastNode = { type: string; value?: string; tagName?: string; children?: HastNode[] };
function textOf(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}
function elementsNamed(node: HastNode, tagName: string): HastNode[] {
  return (node.children ?? []).flatMap((child) =>
    child.tagName === tagName ? [child] : elementsNamed(child, tagName),
  );
}

/** The rendered cells of a row, in column order (react-markdown puts newline text between them). */
function cellsOf(row: ReactNode): ReactNode[] {
  if (!isValidElement<{ children?: ReactNode }>(row)) return [];
  return Children.toArray(row.props.children)
    .filter((cell): cell is ReactElement<{ children?: ReactNode }> => isValidElement(cell))
    .map((cell) => cell.props.children);
}

/** One card per body row: each non-empty cell as "column: value". */
function TableCards({ labels, body }: { labels: string[]; body: ReactNode }) {
  const rows = Children.toArray(body).flatMap((section) =>
    isValidElement<{ children?: ReactNode }>(section) ? Children.toArray(section.props.children) : [],
  );
  return (
    <div className="ab-cards" data-testid="reply-table-cards">
      {rows.filter(isValidElement).map((row, i) => (
        <dl className="ab-card" key={i}>
          {cellsOf(row).map((value, column) =>
            value === undefined || value === "" ? null : (
              <div key={column}>
                <dt>{labels[column] ?? ""}:</dt> <dd>{value}</dd>
              </div>
            ),
          )}
        </dl>
      ))}
    </div>
  );
}

// No raw HTML (react-markdown escapes it without rehype-raw) and its default URL filter drops
// javascript: links; every link opens outside the widget.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  table: ({ node, children }) => {
    const labels = node ? elementsNamed(node as HastNode, "th").map(textOf) : [];
    if (labels.length > MAX_TABLE_COLUMNS) {
      const body = Children.toArray(children).filter(
        (section) => isValidElement(section) && section.type !== "thead",
      );
      return <TableCards labels={labels} body={body} />;
    }
    return (
      <div className="ab-table-wrap" data-testid="reply-table">
        <table>{children}</table>
      </div>
    );
  },
};

/** Loaded on the first reply, so it stays out of the widget's initial JavaScript. */
export default function MarkdownText({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
      {text}
    </Markdown>
  );
}
