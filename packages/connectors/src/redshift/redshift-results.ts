import type {
  GetStatementResultCommandInput,
  GetStatementResultCommandOutput,
} from "@aws-sdk/client-redshift-data";
import { normalizeField, type DataApiField } from "../data-api/data-api-fields.ts";
import type { ResultColumn } from "../core/connector.ts";
import type { ExecutedStatement } from "../core/sql-executor.ts";
import { columnTypeOf, type JsonValue } from "../core/values.ts";

/**
 * Reads a FINISHED statement's rows page by page (NextToken) and normalizes them by the column's
 * type name (`int8`, `numeric`, `varchar`, `timestamptz`, `super`, `varbyte`, ...) the same way the
 * Postgres connectors normalize Postgres text. int8 values beyond 2^53 arrive as `stringValue`
 * (exact-long-values.ts rewrites them before the SDK's JSON parsing would round them).
 */
export async function readStatementResult(
  id: string,
  fetchPage: (input: GetStatementResultCommandInput) => Promise<GetStatementResultCommandOutput>,
): Promise<ExecutedStatement> {
  let columns: ResultColumn[] | undefined;
  const rows: JsonValue[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage({ Id: id, ...(nextToken ? { NextToken: nextToken } : {}) });
    columns ??= (page.ColumnMetadata ?? []).map((column) => {
      const nativeType = column.typeName ?? "unknown";
      return { name: column.label ?? column.name ?? "?column?", type: columnTypeOf(nativeType), nativeType };
    });
    const known = columns;
    for (const record of page.Records ?? []) {
      rows.push(
        known.map((column, i) =>
          normalizeField((record[i] ?? { isNull: true }) as DataApiField, column.type, column.nativeType),
        ),
      );
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return { columns: columns ?? [], rows };
}
