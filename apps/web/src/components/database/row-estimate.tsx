import { formatCount } from "@/lib/format";

const UNKNOWN_REASON =
  "The database has no estimate for this table yet: it has not been analysed (ANALYZE, or autovacuum once enough rows changed). Counting every row would mean reading the whole table, so Answerbase does not.";

/**
 * A table's row count as the catalog estimates it: "≈1,234 rows", or "not yet counted" (with the
 * reason on hover) when the database has no estimate. `short` is for the table list: "≈1.2K".
 */
export function RowEstimate({ rows, short = false }: { rows: number | null; short?: boolean }) {
  if (rows === null) {
    return (
      <span title={UNKNOWN_REASON} className="cursor-help" data-testid="row-estimate" data-rows="unknown">
        not yet counted
      </span>
    );
  }
  const count = `≈${formatCount(rows, short)}`;
  return (
    <span title="Estimated from the database's statistics" data-testid="row-estimate" data-rows={rows}>
      {short ? count : `${count} ${rows === 1 ? "row" : "rows"}`}
    </span>
  );
}
