import { lazy, Suspense } from "react";

const MarkdownText = lazy(() => import("./markdown.tsx"));

export type Source = { kind: "rows"; table: string; count: number } | { kind: "document"; title: string };

function describe(source: Source): string {
  if (source.kind === "document") return source.title;
  const table = source.table.replace(/^public\./, "");
  return `${table} (${source.count} ${source.count === 1 ? "row" : "rows"})`;
}

export function MessageBubble({
  role,
  text,
  sources,
}: {
  role: "user" | "assistant";
  text: string;
  sources: Source[] | undefined;
}) {
  if (text === "") return null;
  return (
    <div className={`ab-bubble ab-${role}`} data-testid="message" data-role={role}>
      <span className="ab-sr-only">{role === "user" ? "You said:" : "Reply:"}</span>
      {role === "assistant" ? (
        <Suspense fallback={<span className="ab-plain">{text}</span>}>
          <MarkdownText text={text} />
        </Suspense>
      ) : (
        <span className="ab-plain">{text}</span>
      )}
      {sources !== undefined && sources.length > 0 ? (
        <p className="ab-sources" data-testid="sources">
          Sources: {sources.map(describe).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
