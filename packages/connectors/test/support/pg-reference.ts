import pg from "pg";
import type { Row } from "../../src/index.ts";
import { columnTypeOf, normalizeText } from "../../src/core/values.ts";

/**
 * The reference the Data API connectors are held to: the same rows read with plain `pg` (every value
 * as Postgres text) and normalized by core/values.ts from the type name pg_type gives each column.
 */
export async function referenceRows(
  connectionString: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({
    connectionString,
    types: { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig,
  });
  await client.connect();
  try {
    const result = await client.query<(string | null)[]>({ text: sql, values: params, rowMode: "array" });
    const oids = [...new Set(result.fields.map((field) => field.dataTypeID))];
    const names = await client.query<[string, string]>({
      text: "SELECT oid::text, typname::text FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])",
      values: [`{${oids.join(",")}}`],
      rowMode: "array",
    });
    const typeName = new Map(names.rows.map(([oid, name]) => [Number(oid), name]));
    return result.rows.map((values) => {
      const row: Row = {};
      result.fields.forEach((field, i) => {
        const nativeType = typeName.get(field.dataTypeID) ?? "unknown";
        row[field.name] = normalizeText(values[i] ?? null, columnTypeOf(nativeType), nativeType);
      });
      return row;
    });
  } finally {
    await client.end();
  }
}

/** Runs statements with plain `pg` (test setup: extra tables, roles, ANALYZE). */
export async function runSql(connectionString: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Rows in a canonical order, for comparing tables whose order is not the point. */
export function sortedRows(rows: Row[]): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** Collects every batch of a stream. */
export async function collectRows(batches: AsyncIterable<{ rows: Row[] }>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of batches) rows.push(...batch.rows);
  return rows;
}

/** The error a promise rejects with (or a sentinel string when it resolves), for asserting codes. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; retryable?: boolean; toJSON?: () => unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; retryable?: boolean };
  }
  return { message: "resolved" };
}

/**
 * Creates schema `wide` with `count` small tables (id primary key, three more columns), 250 per
 * transaction: PostgreSQL's lock table (max_locks_per_transaction) would not hold 2,000 at once.
 */
export async function createWideSchema(connectionString: string, count: number): Promise<void> {
  await runSql(connectionString, "CREATE SCHEMA wide");
  for (let first = 1; first <= count; first += 250) {
    const last = Math.min(count, first + 249);
    await runSql(
      connectionString,
      `DO $$ BEGIN FOR i IN ${first}..${last} LOOP
         EXECUTE format('CREATE TABLE wide.t%s (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2), created_at timestamptz)', i);
       END LOOP; END $$`,
    );
  }
}

/** Drops schema `wide` in batches, for the same reason. */
export async function dropWideSchema(connectionString: string, count: number): Promise<void> {
  for (let first = 1; first <= count; first += 250) {
    const last = Math.min(count, first + 249);
    await runSql(
      connectionString,
      `DO $$ BEGIN FOR i IN ${first}..${last} LOOP EXECUTE format('DROP TABLE IF EXISTS wide.t%s', i); END LOOP; END $$`,
    );
  }
  await runSql(connectionString, "DROP SCHEMA wide CASCADE");
}
