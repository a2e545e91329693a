"use client";

import {
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@answerbase/ui/dialog";

/** A result column as the backend describes it (table previews and the SQL console alike). */
export interface GridColumn {
  name: string;
  type: string;
  nativeType: string;
}
type Column = GridColumn;

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
 * Rows as a table with resizable columns: numbers right-aligned, null marked, long text and JSON open
 * a viewer. Shared by the Database page's preview and the SQL console.
 */
export function ResultGrid({
  columns,
  rows,
  loading,
}: {
  columns: GridColumn[];
  rows: unknown[][];
  loading: boolean;
}) {
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [viewing, setViewing] = useState<{ column: Column; value: unknown } | null>(null);

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

  return (
    <>
      <div className="max-h-[60vh] overflow-auto rounded-md border">
        <table className="table-fixed border-collapse text-sm" style={{ width: "max-content" }}>
          <colgroup>
            {columns.map((c, i) => (
              <col key={i} style={{ width: widths[c.name] ?? defaultWidth(c) }} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-muted">
            <tr>
              {columns.map((c, i) => (
                <th
                  key={i}
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
            {rows.map((row, r) => (
              <tr key={r} className="border-b last:border-0 hover:bg-muted/40">
                {columns.map((c, i) => {
                  const value: unknown = row[i];
                  return (
                    <td key={i} className="overflow-hidden px-2 py-1 align-top">
                      <Cell column={c} value={value} onOpen={() => setViewing({ column: c, value })} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
    </>
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
