"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction } from "convex/react";
import { ChevronLeftIcon, ChevronRightIcon, Loader2Icon } from "lucide-react";
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from "react";
import { Button } from "@answerbase/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@answerbase/ui/dialog";
import { Skeleton } from "@answerbase/ui/skeleton";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

type Page = FunctionReturnType<typeof api.private.dataSourceActions.previewRows>;
type Column = Page["columns"][number];

const PAGE_SIZES = [10, 25, 50, 100] as const;
const LONG_TEXT = 80;
const NUMERIC = new Set(["integer", "bigint", "decimal", "float"]);

function defaultWidth(column: Column): number {
  if (column.type === "boolean") return 90;
  if (NUMERIC.has(column.type)) return 120;
  if (column.type === "timestamp" || column.type === "timestamptz") return 200;
  if (column.type === "json" || column.type === "text") return 240;
  return 160;
}

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
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [viewing, setViewing] = useState<{ column: Column; value: unknown } | null>(null);

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

  const resizing = useRef<{ name: string; startX: number; startWidth: number } | null>(null);
  const startResize = (column: Column) => (event: ReactPointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    resizing.current = {
      name: column.name,
      startX: event.clientX,
      startWidth: widths[column.name] ?? defaultWidth(column),
    };
  };
  const moveResize = (event: ReactPointerEvent<HTMLSpanElement>) => {
    const active = resizing.current;
    if (active === null) return;
    const width = Math.max(60, active.startWidth + event.clientX - active.startX);
    setWidths((w) => ({ ...w, [active.name]: width }));
  };
  const keyResize = (column: Column) => (event: ReactKeyboardEvent<HTMLSpanElement>) => {
    const delta = event.key === "ArrowRight" ? 20 : event.key === "ArrowLeft" ? -20 : 0;
    if (delta === 0) return;
    event.preventDefault();
    setWidths((w) => ({
      ...w,
      [column.name]: Math.max(60, (w[column.name] ?? defaultWidth(column)) + delta),
    }));
  };

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
        <div className="max-h-[60vh] overflow-auto rounded-md border">
          <table className="table-fixed border-collapse text-sm" style={{ width: "max-content" }}>
            <colgroup>
              {page.columns.map((c) => (
                <col key={c.name} style={{ width: widths[c.name] ?? defaultWidth(c) }} />
              ))}
            </colgroup>
            <thead className="sticky top-0 z-10 bg-muted">
              <tr>
                {page.columns.map((c) => (
                  <th
                    key={c.name}
                    className="relative border-b px-2 py-1.5 text-left font-medium"
                    title={c.nativeType}
                  >
                    <span className="block truncate pr-2">
                      {c.name}{" "}
                      <span className="font-mono text-xs font-normal text-muted-foreground">
                        {c.nativeType}
                      </span>
                    </span>
                    <span
                      role="separator"
                      aria-orientation="vertical"
                      aria-label={`Resize column ${c.name}`}
                      tabIndex={0}
                      onPointerDown={startResize(c)}
                      onPointerMove={moveResize}
                      onPointerUp={() => (resizing.current = null)}
                      onKeyDown={keyResize(c)}
                      className="absolute top-0 right-0 h-full w-1.5 cursor-col-resize bg-transparent outline-none hover:bg-ring focus-visible:bg-ring"
                    />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody data-testid="grid-body" className={loading ? "opacity-60" : undefined}>
              {page.rows.map((row, r) => (
                <tr key={r} className="border-b last:border-0 hover:bg-muted/40">
                  {page.columns.map((c, i) => {
                    const value: unknown = row[i];
                    return (
                      <td key={c.name} className="overflow-hidden px-2 py-1 align-top">
                        <Cell column={c} value={value} onOpen={() => setViewing({ column: c, value })} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={viewing !== null} onOpenChange={(open) => !open && setViewing(null)}>
        <DialogContent className="sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle className="font-mono">{viewing?.column.name}</DialogTitle>
            <DialogDescription>{viewing?.column.nativeType}</DialogDescription>
          </DialogHeader>
          <pre
            className="max-h-[60vh] overflow-auto rounded-md bg-muted p-3 text-xs whitespace-pre-wrap"
            data-testid="cell-viewer"
          >
            {viewing ? fullText(viewing.column, viewing.value) : ""}
          </pre>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function fullText(column: Column, value: unknown): string {
  if (column.type === "json" && typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value; // not JSON after all: show it as it came
    }
  }
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** One cell, by the column's normalized type: numbers right-aligned, null marked, long text and JSON open a viewer. */
function Cell({ column, value, onOpen }: { column: Column; value: unknown; onOpen: () => void }) {
  if (value === null || value === undefined)
    return <span className="text-xs text-muted-foreground italic">null</span>;
  if (column.type === "boolean") {
    return (
      <span className={value ? "text-success" : "text-muted-foreground"}>{value ? "true" : "false"}</span>
    );
  }
  if (NUMERIC.has(column.type))
    return <span className="block text-right font-mono tabular-nums">{scalarText(value)}</span>;
  if (column.type === "json" || column.type === "array" || typeof value === "object") {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return (
      <button
        type="button"
        onClick={onOpen}
        className="block w-full truncate text-left font-mono text-xs text-primary underline-offset-2 hover:underline"
        data-testid="open-json"
      >
        {text}
      </button>
    );
  }
  const text = scalarText(value);
  if (text.length > LONG_TEXT || text.includes("\n")) {
    return (
      <button
        type="button"
        onClick={onOpen}
        className="block w-full truncate text-left hover:underline"
        title="Show the full text"
      >
        {text}
      </button>
    );
  }
  const mono = column.type === "uuid" || column.type.startsWith("time") || column.type === "date";
  return <span className={mono ? "block truncate font-mono text-xs" : "block truncate"}>{text}</span>;
}

function scalarText(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : JSON.stringify(value);
}
