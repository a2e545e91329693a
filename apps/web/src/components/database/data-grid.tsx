"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction } from "convex/react";
import { ChevronLeftIcon, ChevronRightIcon, Loader2Icon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Skeleton } from "@answerbase/ui/skeleton";
import { ResultGrid } from "@/components/database/result-grid";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

type Page = FunctionReturnType<typeof api.private.dataSourceActions.previewRows>;

const PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * Keyset-paged preview of a table: the backend orders by the primary key and hands back the cursor
 * of the next page, so page 10,000 of a million-row table costs the same as page 1. "Previous"
 * replays the cursor that produced the previous page.
 */
export function DataGrid({ schema, table }: { schema: string; table: string }) {
  const { organizationId } = useOrganization();
  const preview = useAction(api.private.dataSourceActions.previewRows);
  // cursors[i] produced page i; page 0 has no cursor.
  const [pageSize, setPageSize] = useState<number>(50);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [elapsedMs, setElapsedMs] = useState<number | null>(null);

  const load = useCallback(
    async (cursor: string | null, at: number) => {
      setLoading(true);
      setFailure(null);
      const started = performance.now();
      try {
        const next = await preview({ organizationId, schema, table, cursor, limit: pageSize });
        setPage(next);
        setIndex(at);
        setCursors((list) => {
          const copy = list.slice(0, at + 1);
          copy[at + 1] = next.nextCursor;
          return copy;
        });
        setElapsedMs(Math.round(performance.now() - started));
      } catch (error) {
        setFailure(errorInfo(error));
      } finally {
        setLoading(false);
      }
    },
    [preview, organizationId, schema, table, pageSize],
  );
  useEffect(() => {
    void load(null, 0);
  }, [load]);

  if (failure && page === null) {
    return (
      <ErrorPanel
        title={`Could not preview ${schema}.${table}`}
        error={failure}
        onRetry={() => void load(null, 0)}
        testId="preview-error"
      />
    );
  }
  const nextCursor = cursors[index + 1] ?? null;
  return (
    <div className="grid gap-2" data-testid="data-grid">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted-foreground" data-testid="grid-range">
          {page === null
            ? "Loading…"
            : page.rows.length === 0
              ? "No rows"
              : `Rows ${index * pageSize + 1}–${index * pageSize + page.rows.length}`}
          {page && page.orderedBy.length > 0 && ` · ordered by ${page.orderedBy.join(", ")}`}
        </span>
        {elapsedMs !== null && (
          <span className="text-xs text-muted-foreground" data-testid="grid-elapsed">
            loaded in {elapsedMs} ms
          </span>
        )}
        {loading && page !== null && <Loader2Icon className="size-4 animate-spin text-muted-foreground" />}
        <div className="ml-auto flex items-center gap-1">
          <label className="flex items-center gap-1 text-xs text-muted-foreground">
            Rows per page
            <select
              className="h-8 rounded-md border bg-background px-1 text-sm"
              value={pageSize}
              onChange={(e) => setPageSize(Number(e.target.value))}
              data-testid="grid-page-size"
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <Button
            variant="outline"
            size="sm"
            disabled={loading || index === 0}
            onClick={() => void load(cursors[index - 1] ?? null, index - 1)}
            data-testid="grid-previous"
          >
            <ChevronLeftIcon /> Previous
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={loading || nextCursor === null}
            onClick={() => void load(nextCursor, index + 1)}
            data-testid="grid-next"
          >
            Next <ChevronRightIcon />
          </Button>
        </div>
      </div>
      {failure && <ErrorPanel title="That page could not be loaded" error={failure} />}
      {page === null ? (
        <div className="grid gap-1.5">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-7 w-full" />
          ))}
        </div>
      ) : (
        <ResultGrid columns={page.columns} rows={page.rows} loading={loading} />
      )}
    </div>
  );
}
