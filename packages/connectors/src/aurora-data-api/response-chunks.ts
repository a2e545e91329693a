import type { SqlParameter } from "@aws-sdk/client-rds-data";
import type { ExecutedStatement } from "../core/sql-executor.ts";
import type { JsonValue } from "../core/values.ts";
import { isResponseTooLarge } from "./aurora-data-api-errors.ts";
import type { CallDeadline } from "../data-api/data-api-calls.ts";
import type { BoundStatement } from "../data-api/data-api-executor.ts";
import type { RunStatement } from "./aurora-data-api-executor.ts";

/** Rows of the first chunk (small: the rows' size is unknown); later ones are sized from what was seen. */
const FIRST_CHUNK_ROWS = 100;
/**
 * Normalized bytes a chunk aims at. The limit counts the records' JSON, whose Field wrappers and
 * escaped strings make it roughly twice the normalized rows, so this stays well under 1 MiB.
 */
const TARGET_CHUNK_BYTES = 320 * 1024;
const MAX_CHUNK_ROWS = 10_000;

/**
 * Reads a statement whose records exceed the RDS Data API's 1 MiB response limit, as consecutive
 * `LIMIT n OFFSET m` slices of it, inside the caller's transaction (set to REPEATABLE READ here, so
 * every slice sees the same snapshot) — the whole result, as if one call had returned it.
 *
 * Only for the SQL the connector itself builds (catalog, keyset pages): each has an ORDER BY that
 * makes the order total, and Postgres keeps a subquery's ORDER BY under an outer LIMIT (a sorted
 * subquery is never flattened), so the slices neither overlap nor miss rows. A slice that is still
 * too large is halved; later slices are sized from the observed bytes per row, never larger than
 * the largest slice that fit once one was too large.
 */
export async function readInChunks(
  statement: BoundStatement<SqlParameter>,
  deadline: CallDeadline,
  transactionId: string,
  run: RunStatement,
): Promise<ExecutedStatement> {
  await run(
    { sql: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", parameters: [] },
    deadline,
    transactionId,
  );
  const inner = statement.sql.replace(/[\s;]+$/, "");
  const rows: JsonValue[][] = [];
  let columns: ExecutedStatement["columns"] = [];
  let size = FIRST_CHUNK_ROWS;
  /** Set once a slice was too large: slices never grow past the last one that fit. */
  let largestThatFit: number | undefined;
  let halved = false;
  for (;;) {
    // On its own lines, so a trailing `-- comment` in the statement cannot swallow the parenthesis.
    const sql = `SELECT * FROM (\n${inner}\n) AS chunk LIMIT ${size} OFFSET ${rows.length}`;
    let chunk: ExecutedStatement;
    try {
      chunk = await run({ sql, parameters: statement.parameters }, deadline, transactionId);
    } catch (error) {
      if (!isResponseTooLarge(error) || size === 1) throw error;
      size = Math.max(1, Math.floor(size / 2));
      halved = true;
      continue;
    }
    if (halved) largestThatFit = Math.max(largestThatFit ?? 0, size);
    columns = chunk.columns;
    rows.push(...chunk.rows);
    if (chunk.rows.length < size) return { columns, rows };
    const bytesPerRow = Math.max(1, JSON.stringify(chunk.rows).length / chunk.rows.length);
    const estimate = Math.min(MAX_CHUNK_ROWS, Math.max(1, Math.floor(TARGET_CHUNK_BYTES / bytesPerRow)));
    size = largestThatFit === undefined ? estimate : Math.min(estimate, largestThatFit);
  }
}
