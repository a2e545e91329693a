"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { Skeleton } from "@answerbase/ui/skeleton";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

/** The admin's last 50 statements, newest first; a click loads one into the editor. */
export function HistoryList({ onPick }: { onPick: (sql: string) => void }) {
  const { organizationId } = useOrganization();
  const history = useQuery(api.private.sqlConsole.history, { organizationId });
  if (history === undefined) return <Skeleton className="h-40 w-full" />;
  if (history.length === 0) {
    return <p className="text-sm text-muted-foreground">Queries you run appear here.</p>;
  }
  return (
    <ol className="grid gap-1" data-testid="sql-history">
      {history.map((entry) => (
        <li key={entry._id}>
          <button
            type="button"
            onClick={() => onPick(entry.sql)}
            className="grid w-full gap-0.5 rounded-md px-2 py-1.5 text-left hover:bg-muted"
            data-testid="sql-history-item"
          >
            <span className="line-clamp-2 font-mono text-xs break-all">{entry.sql}</span>
            <span className="text-xs text-muted-foreground">
              {entry.explain ? "EXPLAIN · " : ""}
              {entry.outcome.kind === "ok"
                ? `${entry.outcome.rowCount} rows · ${Math.round(entry.outcome.durationMs)} ms`
                : `failed (${entry.outcome.code})`}
              {" · "}
              {timeAgo(entry._creationTime)}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
