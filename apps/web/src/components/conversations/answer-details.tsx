import { DatabaseIcon, FileTextIcon, TimerIcon } from "lucide-react";
import { Badge } from "@answerbase/ui/badge";

/** One source an answer was built from (the backend's vAnswerSource). */
export type AnswerSource =
  | { kind: "rows"; table: string; count: number }
  | { kind: "document"; title: string }
  | { kind: "sql"; table: string; statement: string; rowCount: number; durationMs: number };

export interface SourceTiming {
  ms: number;
  outcome: "ok" | "empty" | "failed" | "timeout";
  code?: string;
}

const SOURCE_LABEL: Record<string, string> = {
  database: "Database",
  knowledge_base: "Knowledge base",
  none: "No source",
  escalated: "Escalated",
  resolved: "Resolved",
  failed: "Failed",
};

/** The badge saying where an answer came from (database, knowledge base, none, ...). */
export function SourceBadge({ source }: { source: string }) {
  const variant =
    source === "database" || source === "knowledge_base"
      ? "success"
      : source === "failed"
        ? "destructive"
        : source === "escalated"
          ? "warning"
          : "secondary";
  return (
    <Badge variant={variant} data-testid="source-badge" data-source={source}>
      {SOURCE_LABEL[source] ?? source}
    </Badge>
  );
}

/** Milliseconds as a whole number ("98 ms", "1,204 ms"). */
export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString("en")} ms`;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/** Tables with row counts, document titles and SQL statements an answer was built from. */
export function SourceList({ sources }: { sources: readonly AnswerSource[] }) {
  if (sources.length === 0) {
    return <p className="text-xs text-muted-foreground">No rows or documents were used.</p>;
  }
  return (
    <ul className="grid gap-1.5 text-xs" data-testid="answer-sources">
      {sources.map((source, i) => (
        <li key={i} className="grid gap-1">
          {source.kind === "rows" ? (
            <span className="flex items-center gap-1.5">
              <DatabaseIcon className="size-3.5 text-muted-foreground" />
              <span className="font-mono">{source.table}</span>
              <span className="text-muted-foreground">· {plural(source.count, "row", "rows")}</span>
            </span>
          ) : source.kind === "document" ? (
            <span className="flex items-center gap-1.5">
              <FileTextIcon className="size-3.5 text-muted-foreground" />
              {source.title}
            </span>
          ) : (
            <>
              <span className="flex items-center gap-1.5">
                <DatabaseIcon className="size-3.5 text-muted-foreground" />
                SQL on <span className="font-mono">{source.table}</span>
                <span className="text-muted-foreground">
                  · {plural(source.rowCount, "row", "rows")} in {formatMs(source.durationMs)}
                </span>
              </span>
              <pre className="overflow-x-auto rounded-md bg-muted p-2 font-mono text-[11px] whitespace-pre-wrap">
                <code>{source.statement}</code>
              </pre>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function TimingPart({ label, timing, testId }: { label: string; timing: SourceTiming; testId: string }) {
  return (
    <span data-testid={testId} title={timing.code}>
      {label} {formatMs(timing.ms)} ·{" "}
      <span
        className={
          timing.outcome === "ok" ? "text-success" : timing.outcome === "empty" ? "" : "text-destructive"
        }
      >
        {timing.outcome}
      </span>
    </span>
  );
}

/** Time per source (database, knowledge base) and in total. */
export function Timings({
  database,
  knowledgeBase,
  totalMs,
}: {
  database: SourceTiming | null | undefined;
  knowledgeBase: SourceTiming | null | undefined;
  totalMs: number;
}) {
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground"
      data-testid="timings"
    >
      <TimerIcon className="size-3.5" />
      {database ? (
        <TimingPart label="Database" timing={database} testId="timing-database" />
      ) : (
        <span>Database not asked</span>
      )}
      {knowledgeBase ? (
        <TimingPart label="Knowledge base" timing={knowledgeBase} testId="timing-knowledge-base" />
      ) : (
        <span>Knowledge base not asked</span>
      )}
      <span data-testid="timing-total" className="font-medium text-foreground">
        Total {formatMs(totalMs)}
      </span>
    </div>
  );
}
