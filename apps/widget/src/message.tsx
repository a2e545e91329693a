import { lazy, Suspense } from "react";

const MarkdownText = lazy(() => import("./markdown.tsx"));

export type Source = { kind: "rows"; table: string; count: number } | { kind: "document"; title: string };

function describe(source: Source): string {
  if (source.kind === "document") return source.title;
  const table = source.table.replace(/^public\./, "");
  return `${table} (${source.count} ${source.count === 1 ? "row" : "rows"})`;
}

/** A person of the company answering in the chat (the agent has no name here). */
export interface Operator {
  name: string;
  image: string | null;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts.at(-1)!] : parts.slice(0, 1);
  return letters.map((part) => part[0]!.toUpperCase()).join("") || "?";
}

/** An operator's picture, or their initials on a circle. */
function Avatar({ operator }: { operator: Operator }) {
  return operator.image ? (
    <img className="ab-avatar" src={operator.image} alt="" data-testid="operator-avatar" />
  ) : (
    <span className="ab-avatar" aria-hidden="true" data-testid="operator-avatar">
      {initials(operator.name)}
    </span>
  );
}

/** "Ada joined the conversation" between the messages. */
export function OperatorNotice({ operator, kind }: { operator: Operator; kind: "joined" | "left" }) {
  return (
    <p className="ab-notice" role="status" data-testid="operator-notice" data-kind={kind}>
      {operator.name} {kind === "joined" ? "joined" : "left"} the conversation
    </p>
  );
}

export function MessageBubble({
  role,
  text,
  sources,
  operator,
}: {
  role: "user" | "assistant";
  text: string;
  sources: Source[] | undefined;
  /** Set when a person wrote this reply. */
  operator?: Operator | undefined;
}) {
  if (text === "") return null;
  return (
    <div
      className={`ab-bubble ab-${role}${operator ? " ab-operator" : ""}`}
      data-testid="message"
      data-role={role}
      data-operator={operator ? "true" : undefined}
    >
      {operator ? (
        <span className="ab-author" data-testid="operator-name">
          <Avatar operator={operator} />
          {operator.name}
        </span>
      ) : null}
      <span className="ab-sr-only">
        {role === "user" ? "You said:" : operator ? `${operator.name} replied:` : "Reply:"}
      </span>
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
