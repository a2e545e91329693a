import { checkedSocket, type NetworkAccess } from "@answerbase/egress";
import pg from "pg";
import type { QueryParam, TableRef } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import { quotePostgresIdentifier } from "../postgres-dialect/keyset-sql.ts";
import { mapPgError } from "./pg-errors.ts";

/*
 * The product's one write to an organization's database: an agent action of kind `db_insert` adds ONE
 * row to ONE table an admin chose. It is deliberately not a Connector method: the Connector runs on the
 * read-only lookup credential, this runs on the separate write credential the admin gave for the action,
 * on its own short-lived connection (never the lookups' pool). The statement is built here from
 * identifiers only (quoted; the caller checked them against the catalog when the action was saved);
 * every value is a bound parameter, so a value is stored as the text it is, whatever it contains.
 *
 * What this does not promise: that the credential can only insert (that is the database role's
 * business: grant it INSERT on that one table), nor that constraints hold (the database refuses, and
 * the SQLSTATE comes back in the ConnectorError).
 */

export interface RowInsert {
  table: TableRef;
  /** Column → value, in statement order; at least one. */
  values: { column: string; value: QueryParam }[];
  /** Columns sent back (`RETURNING`): the primary key, nothing else. */
  returning: string[];
  timeoutMs: number;
  /** "Test" in the dashboard: run the INSERT, read what it returns, then ROLLBACK. */
  rollback: boolean;
}

export interface InsertedRow {
  /** The returning columns' values as Postgres text (a key is compared, not computed on). */
  key: Record<string, string | null>;
  rolledBack: boolean;
  durationMs: number;
  /** The statement as sent, with `$n` placeholders (no values): for the dashboard's test. */
  statement: string;
}

const MAX_TIMEOUT_MS = 30_000;

/** `INSERT INTO "s"."t" ("a", "b") VALUES ($1, $2) RETURNING "id"`: identifiers quoted, values bound. */
export function insertStatement(insert: Pick<RowInsert, "table" | "values" | "returning">): string {
  if (insert.values.length === 0) throw new ConnectorError("invalid_input", "An insert needs one column.");
  if (insert.returning.length === 0)
    throw new ConnectorError("invalid_input", "An insert returns the primary key: the table needs one.");
  const q = quotePostgresIdentifier;
  const columns = insert.values.map(({ column }) => q(column)).join(", ");
  const placeholders = insert.values.map((_, index) => `$${index + 1}`).join(", ");
  return `INSERT INTO ${q(insert.table.schema)}.${q(insert.table.name)} (${columns}) VALUES (${placeholders}) RETURNING ${insert.returning.map(q).join(", ")}`;
}

/**
 * Inserts the row on `connectionString` (a postgres:// URL: the write credential) in one transaction
 * with a server-side statement_timeout, committed, or rolled back when `rollback` is set. The socket
 * goes through the egress policy like every connector's.
 */
export async function insertPostgresRow(
  connectionString: string,
  network: NetworkAccess,
  insert: RowInsert,
): Promise<InsertedRow> {
  if (!(insert.timeoutMs >= 100 && insert.timeoutMs <= MAX_TIMEOUT_MS))
    throw new ConnectorError("invalid_input", `The timeout must be 100-${MAX_TIMEOUT_MS} ms.`);
  const statement = insertStatement(insert);
  const started = performance.now();
  const client = new pg.Client({
    connectionString,
    stream: () => checkedSocket(network),
    connectionTimeoutMillis: insert.timeoutMs,
    // Every value comes back as Postgres text: the key is shown and stored, never computed on.
    types: { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig,
    application_name: "answerbase-action-insert",
    query_timeout: insert.timeoutMs + 1_000,
  });
  client.on("error", () => undefined); // a dropped socket fails the pending query, which is reported
  let open = false;
  try {
    await client.connect();
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.ceil(insert.timeoutMs)}`);
    open = true;
    const result = await client.query<Record<string, string | null>>(
      statement,
      insert.values.map(({ value }) => value),
    );
    await client.query(insert.rollback ? "ROLLBACK" : "COMMIT");
    open = false;
    const row = result.rows[0] ?? {};
    return {
      key: Object.fromEntries(insert.returning.map((column) => [column, row[column] ?? null])),
      rolledBack: insert.rollback,
      durationMs: Math.round(performance.now() - started),
      statement,
    };
  } catch (error) {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    throw mapPgError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
