import type { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";

export type TryItPage = FunctionReturnType<typeof api.private.namedLookupActions.tryIt>;
type Value = TryItPage["rows"][number][number];

/**
 * The rows a "try it" run returned. The data grid's typed cells need the catalog's column types,
 * which a lookup's result does not carry, so cells are shown by their JSON type.
 */
export function ResultTable({ columns, rows }: { columns: string[]; rows: Value[][] }) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border">
      <table className="w-full border-collapse text-sm" data-testid="try-it-rows">
        <thead className="sticky top-0 bg-muted">
          <tr>
            {columns.map((c) => (
              <th
                key={c}
                scope="col"
                className="border-b px-2 py-1.5 text-left font-medium whitespace-nowrap"
              >
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="border-b last:border-0" data-testid="try-it-row">
              {columns.map((c, i) => (
                <td key={c} className="max-w-72 px-2 py-1 align-top">
                  <CellValue value={row[i] ?? null} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellValue({ value }: { value: Value }) {
  if (value === null) return <span className="text-xs text-muted-foreground italic">null</span>;
  if (typeof value === "boolean") {
    return <span className={value ? "text-success" : "text-muted-foreground"}>{String(value)}</span>;
  }
  if (typeof value === "number")
    return <span className="block text-right font-mono tabular-nums">{value}</span>;
  return (
    <span className="block truncate" title={value}>
      {value}
    </span>
  );
}
