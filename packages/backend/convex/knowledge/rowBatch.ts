import type { Connector, TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import { hashInput, rowDocument } from "./rowDocuments";
import { relatedLines, type SharedPolicies } from "./rowRelations";
import { scopesOf } from "../access/rowScopes";

/*
 * One keyset batch of a table as row documents: read through the connector, each row's scope resolved
 * along the policy's owner path, related rows' names added, text and scope hashed. No Convex calls.
 */

export interface BatchDocument {
  key: string;
  title: string;
  text: string;
  scope: string;
  hash: string;
}

export interface BatchError {
  key: string | null;
  code: string;
  message: string;
}

export interface ReadBatch {
  rowCount: number;
  cursor: string | null;
  done: boolean;
  documents: BatchDocument[];
  /** Keys of rows without an owner: not indexed, and removed if they were. */
  ownerless: string[];
  errors: BatchError[];
}

export async function readBatch(
  connector: Connector,
  catalog: TableInfo[],
  table: TableInfo,
  options: {
    cursor: string | null;
    batchRows: number;
    policy: AccessPolicy;
    shared: SharedPolicies;
    modelId: string;
    timeoutMs: number;
    /** SHA-256, hex, synchronous (node:crypto in the action: WebCrypto's promise per row cost more). */
    sha256: (input: string) => string;
  },
): Promise<ReadBatch> {
  const batch = await firstBatch(connector, table, options);
  const scopes = await scopesOf(connector, catalog, batch.rows, options.policy, options.timeoutMs);
  const related = await relatedLines(
    connector,
    catalog,
    table,
    batch.rows,
    scopes,
    options.shared,
    options.timeoutMs,
  );
  const errors: BatchError[] = [];
  const ownerless: string[] = [];
  const documents: BatchDocument[] = [];
  // The document holds the visible columns only (its key too: a hidden primary key is not used).
  const visible = withoutHiddenColumns(table, options.policy);
  const columns = batch.columns.filter((column) => visible.columns.some((c) => c.name === column.name));
  for (const [index, row] of batch.rows.entries()) {
    const document = rowDocument(visible, row, columns, related[index]);
    const scope = scopes[index] ?? null;
    if (scope === null) {
      ownerless.push(document.key);
      errors.push({
        key: document.key,
        code: "no_owner",
        message: "No customer owns this row; it is not indexed.",
      });
      continue;
    }
    if (document.truncated) {
      errors.push({
        key: document.key,
        code: "limit",
        message: "Row text was cut to the first 6,000 characters.",
      });
    }
    const { key, title, text } = document;
    const hash = options.sha256(hashInput(`${options.modelId}\n${text}`, scope));
    documents.push({ key, title, text, scope, hash });
  }
  return {
    rowCount: batch.rows.length,
    cursor: batch.cursor,
    done: batch.done,
    documents,
    ownerless,
    errors,
  };
}

async function firstBatch(
  connector: Connector,
  table: TableInfo,
  options: { cursor: string | null; batchRows: number; timeoutMs: number },
) {
  for await (const batch of connector.streamRows(
    { schema: table.schema, name: table.name },
    { batchSize: options.batchRows, cursor: options.cursor, timeoutMs: options.timeoutMs },
  )) {
    return batch; // one batch per step; the generator is closed by returning
  }
  return { columns: [], rows: [], cursor: options.cursor, done: true };
}
