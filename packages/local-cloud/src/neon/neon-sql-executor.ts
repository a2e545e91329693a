import pg from "pg";
import { NeonProxyError } from "./neon-errors.ts";
import { pgTextToJson } from "./neon-json.ts";
import type { NeonHeaders, NeonQuery } from "./neon-request.ts";

/** Neon's default `max_response_size_bytes`: a larger result is refused with HTTP 507. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** One statement's answer, as Neon's proxy serializes it. */
export interface NeonQueryResult {
  command: string;
  rowCount: number | null;
  rows: unknown[];
  fields: NeonField[];
  rowAsArray: boolean;
}

export interface NeonField {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: "text";
}

type OutputOptions = Pick<NeonHeaders, "rawTextOutput" | "arrayMode">;

/**
 * Runs one statement with the extended protocol, as Neon does even without params (so a string
 * with two statements fails like it does on Neon), and shapes rows per array mode / raw text.
 */
export async function runNeonQuery(
  client: pg.PoolClient,
  query: NeonQuery,
  options: OutputOptions,
): Promise<NeonQueryResult> {
  // pg would fall back to the simple protocol for a query without values; `queryMode` forbids that
  // (pg supports it, @types/pg does not declare it).
  const config: pg.QueryArrayConfig & { queryMode: "extended" } = {
    text: query.query,
    values: query.params,
    rowMode: "array",
    queryMode: "extended",
  };
  const result = await client.query<(string | null)[]>(config);
  const arrayMode = query.arrayMode ?? options.arrayMode;
  const fields = result.fields.map((field): NeonField => ({
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: "text",
  }));
  const convert = (value: string | null, index: number): unknown =>
    value === null || options.rawTextOutput ? value : pgTextToJson(value, fields[index]?.dataTypeID ?? 0);
  const rows = result.rows.map((row): unknown =>
    arrayMode
      ? row.map(convert)
      : Object.fromEntries(row.map((value, index) => [fields[index]?.name ?? "", convert(value, index)])),
  );
  return { command: result.command ?? "", rowCount: result.rowCount, rows, fields, rowAsArray: arrayMode };
}

/** Refuses a response over Neon's size limit, as the proxy does while streaming rows. */
export function checkResponseSize(body: unknown): void {
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_RESPONSE_BYTES) {
    throw new NeonProxyError(`response is too large (max is ${MAX_RESPONSE_BYTES} bytes)`, 507);
  }
}

/**
 * Runs a single statement on a pooled connection. A statement that leaves a transaction open
 * (`BEGIN` sent alone) must not leak into the next request, so such a connection is rolled back
 * and discarded, like Neon's pool discards connections that are not idle.
 */
export async function runSingle(
  pool: pg.Pool,
  query: NeonQuery,
  options: OutputOptions,
): Promise<NeonQueryResult> {
  return onCompute(pool, (client) => runNeonQuery(client, query, options));
}

/**
 * Runs a batch as one transaction on one connection: BEGIN with the requested isolation level and
 * access mode, each statement, COMMIT; any failure rolls back and answers the first error.
 */
export async function runBatch(
  pool: pg.Pool,
  queries: NeonQuery[],
  headers: NeonHeaders,
): Promise<NeonQueryResult[]> {
  return onCompute(pool, async (client) => {
    await client.query(beginStatement(headers));
    const results: NeonQueryResult[] = [];
    for (const query of queries) results.push(await runNeonQuery(client, query, headers));
    await client.query("COMMIT");
    return results;
  });
}

/**
 * `work` on a pooled connection, which goes back to the pool idle: a transaction left open is rolled
 * back, and a connection that failed for another reason than a database error (or cannot be brought
 * back to idle) is discarded.
 */
async function onCompute<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await connectToCompute(pool);
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (!isDatabaseError(error)) broken = error as Error;
    throw error;
  } finally {
    broken ??= await rollbackIfInTransaction(client);
    client.release(broken ?? false);
  }
}

function beginStatement(headers: NeonHeaders): string {
  const modes: string[] = [];
  if (headers.isolationLevel) modes.push(`ISOLATION LEVEL ${ISOLATION_SQL[headers.isolationLevel]}`);
  if (headers.readOnly) modes.push("READ ONLY");
  if (headers.deferrable) modes.push("DEFERRABLE");
  return modes.length ? `BEGIN ${modes.join(", ")}` : "BEGIN";
}

const ISOLATION_SQL: Record<NonNullable<NeonHeaders["isolationLevel"]>, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/**
 * Postgres refusing the login (wrong password, unknown database) is the user's error and keeps its
 * fields; an unreachable compute is Neon's own failure (HTTP 500).
 */
async function connectToCompute(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if (error instanceof pg.DatabaseError) throw error;
    throw new NeonProxyError(`Couldn't connect to compute node: ${(error as Error).message}`, 500);
  }
}

/**
 * Ends a transaction the request left open. Returns an error (meaning "discard this connection")
 * when the session cannot be brought back to idle.
 */
async function rollbackIfInTransaction(client: pg.PoolClient): Promise<Error | undefined> {
  if (client.getTransactionStatus() === "I") return undefined;
  try {
    // Closing the socket would abort it on a real server; an embedded server that shares one
    // session between connections needs the explicit ROLLBACK.
    await client.query("ROLLBACK");
  } catch {
    // Unusable connection: discarded below.
  }
  return client.getTransactionStatus() === "I"
    ? undefined
    : new Error("connection is not idle; discarding it");
}

function isDatabaseError(error: unknown): boolean {
  return error instanceof pg.DatabaseError;
}
