import { rdsError } from "./errors.ts";

/**
 * A row larger than the per-row limit (64 KB by default) fails the whole call. The size counted is
 * the row's data as the database sends it (Postgres text of every non-null column).
 */
export function checkRowSizes(rows: (string | null)[][], maxRowBytes: number): void {
  for (const row of rows) {
    let bytes = 0;
    for (const value of row) if (value !== null) bytes += Buffer.byteLength(value);
    if (bytes > maxRowBytes) {
      throw rdsError.unsupportedResult(
        `The result contains a row of ${bytes} bytes, more than the ${maxRowBytes}-byte row size limit.`,
      );
    }
  }
}

/**
 * The response limit (1 MiB for `records`, 10 MB for `formattedRecords`): AWS terminates the call
 * instead of truncating the result.
 */
export function checkResponseSize(serialized: string, maxBytes: number): void {
  if (Buffer.byteLength(serialized) > maxBytes) throw rdsError.responseTooLarge();
}
