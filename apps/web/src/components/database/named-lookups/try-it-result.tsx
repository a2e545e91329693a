import { ShieldAlertIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { ResultTable, type TryItPage } from "./result-table";

/**
 * A customer's or visitor's run refused by the access policies: what the agent would be told, not a
 * failure of the page (so not the error panel, whose hint for `forbidden` is about roles).
 */
export function ScopeRefusal({ who, message }: { who: string; message: string }) {
  return (
    <div
      role="status"
      className="flex gap-3 rounded-lg border border-warning/50 bg-warning/10 p-4 text-sm"
      data-testid="try-it-refused"
    >
      <ShieldAlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
      <div className="grid gap-1">
        <p className="font-medium">{who} may not run it; the agent would be refused the same way</p>
        <p className="text-muted-foreground">{message}</p>
      </div>
    </div>
  );
}

export function TryItResult({
  result,
  pending,
  onMore,
}: {
  result: TryItPage;
  pending: boolean;
  onMore: (cursor: string) => void;
}) {
  const { nextCursor } = result;
  return (
    <div className="grid gap-2" aria-live="polite">
      <p className="text-sm text-muted-foreground" data-testid="try-it-summary">
        {result.rowCount === 0 ? "No rows" : `${result.rowCount} ${result.rowCount === 1 ? "row" : "rows"}`}
        {" · "}
        <span data-testid="try-it-duration">{result.durationMs} ms</span>
        {result.truncated && " · more rows follow"}
      </p>
      {result.rowCount > 0 && <ResultTable columns={result.columns} rows={result.rows} />}
      {result.truncated && nextCursor !== null && (
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={pending}
            onClick={() => onMore(nextCursor)}
          >
            More rows
          </Button>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-muted-foreground">The statement that ran</summary>
        <pre
          className="mt-1 overflow-auto rounded-md bg-muted p-2 whitespace-pre-wrap"
          data-testid="try-it-statement"
        >
          {result.statement}
        </pre>
      </details>
    </div>
  );
}
