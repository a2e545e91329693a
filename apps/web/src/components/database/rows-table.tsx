/** Rows as a compact, read-only grid: the policy preview's and the inbox's customer panel's. */
export function RowsTable({
  columns,
  rows,
  testId,
}: {
  columns: string[];
  rows: unknown[][];
  testId?: string;
}) {
  return (
    <div className="max-h-72 overflow-auto rounded border" data-testid={testId}>
      <table className="w-full text-left text-xs">
        <thead className="sticky top-0 bg-muted">
          <tr>
            {columns.map((column) => (
              <th key={column} className="px-2 py-1 font-mono font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className="border-t">
              {row.map((cell: unknown, cellIndex) => (
                <td key={cellIndex} className="max-w-48 truncate px-2 py-1 font-mono">
                  {cell === null
                    ? "—"
                    : typeof cell === "object"
                      ? JSON.stringify(cell)
                      : String(cell as string)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
