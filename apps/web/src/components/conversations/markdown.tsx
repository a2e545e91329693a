import { Fragment, type ReactNode } from "react";

/** `**bold**` and `` `code` `` inside one line, as React elements (never raw HTML). */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) =>
    part.startsWith("**") && part.endsWith("**") && part.length > 4 ? (
      <strong key={i}>{part.slice(2, -2)}</strong>
    ) : part.startsWith("`") && part.endsWith("`") && part.length > 2 ? (
      <code key={i} className="rounded bg-muted px-1 font-mono text-[0.9em]">
        {part.slice(1, -1)}
      </code>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

/**
 * The small part of markdown the agent writes: paragraphs, "-"/"*"/"1." lists, bold and inline code.
 * Anything else shows as the text it is.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const blocks = text.replace(/\r\n/g, "\n").split(/\n{2,}/);
  return (
    <div className="grid gap-2 text-sm leading-relaxed" data-testid={testId}>
      {blocks.map((block, i) => {
        const lines = block.split("\n").filter((l) => l.trim() !== "");
        if (lines.length > 0 && lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l))) {
          const ordered = /^\s*\d+\./.test(lines[0] ?? "");
          const items = lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*([-*]|\d+\.)\s+/, ""))}</li>);
          return ordered ? (
            <ol key={i} className="list-decimal pl-5">
              {items}
            </ol>
          ) : (
            <ul key={i} className="list-disc pl-5">
              {items}
            </ul>
          );
        }
        return (
          <p key={i} className="whitespace-pre-wrap">
            {inline(lines.join("\n"))}
          </p>
        );
      })}
    </div>
  );
}
