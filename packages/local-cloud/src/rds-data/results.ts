import type pg from "pg";
import type { RawResult } from "../postgres/postgres-backend.ts";
import type { EmulatorSettings } from "../settings.ts";
import { describeColumns, type ColumnMetadata } from "./column-metadata.ts";
import { toField, toJsonFragment, type Field } from "./field-values.ts";
import { checkResponseSize, checkRowSizes } from "./limits.ts";
import { resolveTypes } from "./pg-types.ts";
import type { ResultOptions } from "./request.ts";

/** ExecuteStatement's response. */
export interface ExecuteOutput {
  numberOfRecordsUpdated: number;
  records?: Field[][];
  columnMetadata?: ColumnMetadata[];
  formattedRecords?: string;
}

/** Commands whose row count is the number of rows they changed, even with RETURNING. */
const ROW_CHANGING_COMMANDS = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "COPY"]);

/** What the Data API reports as changed rows: 0 for a query, the affected rows for DML (also with RETURNING). */
export function recordsUpdated(result: RawResult): number {
  if (ROW_CHANGING_COMMANDS.has(result.command) || result.fields.length === 0) return result.rowCount ?? 0;
  return 0;
}

/**
 * Builds ExecuteStatement's output from a statement's raw result: `records` (or `formattedRecords`
 * for `formatRecordsAs: "JSON"`, where AWS leaves `records` and `columnMetadata` out) when the
 * statement returned rows, `columnMetadata` on request, and enforces the row and response limits.
 * Catalog lookups go through `client`, the session that ran the statement.
 */
export async function buildExecuteOutput(
  client: pg.PoolClient | pg.Client,
  databaseKey: string,
  result: RawResult,
  options: ResultOptions,
  limits: EmulatorSettings["rdsData"],
): Promise<ExecuteOutput> {
  const output: ExecuteOutput = { numberOfRecordsUpdated: recordsUpdated(result) };
  if (result.fields.length === 0) return output;
  checkRowSizes(result.rows, limits.maxRowBytes);
  const types = await resolveTypes(
    client,
    databaseKey,
    result.fields.map((field) => field.dataTypeID),
  );
  const columnTypes = result.fields.map((field) => types.get(field.dataTypeID)!);
  if (options.formatRecordsAs === "JSON") {
    const keys = result.fields.map((field) => JSON.stringify(field.name));
    const objects = result.rows.map(
      (row) =>
        `{${row.map((value, i) => `${keys[i]}:${toJsonFragment(value, columnTypes[i]!, options)}`).join(",")}}`,
    );
    output.formattedRecords = `[${objects.join(",")}]`;
    checkResponseSize(output.formattedRecords, limits.maxJsonResponseBytes);
    return output;
  }
  output.records = result.rows.map((row) => row.map((value, i) => toField(value, columnTypes[i]!, options)));
  checkResponseSize(JSON.stringify(output.records), limits.maxResponseBytes);
  if (options.includeResultMetadata)
    output.columnMetadata = await describeColumns(client, result.fields, types);
  return output;
}

/**
 * BatchExecuteStatement's `generatedFields` for one parameter set: AWS documents generated fields as
 * unsupported for Aurora PostgreSQL, so this is empty unless the statement has RETURNING, whose
 * first row is reported here (the only place a batch can return values).
 */
export async function generatedFields(
  client: pg.PoolClient | pg.Client,
  databaseKey: string,
  result: RawResult,
): Promise<Field[]> {
  const row = result.rows[0];
  if (!row || result.fields.length === 0) return [];
  const types = await resolveTypes(
    client,
    databaseKey,
    result.fields.map((field) => field.dataTypeID),
  );
  const options = { decimalReturnType: "STRING", longReturnType: "LONG" } as const;
  return row.map((value, i) => toField(value, types.get(result.fields[i]!.dataTypeID)!, options));
}
