import { AsyncLocalStorage } from "node:async_hooks";

/** What one query execution read, and the pagination journal it ran with. */
export interface QueryTracking {
  /** `${componentPath}:${table}` of every table read. */
  reads: Set<string>;
  /** The end cursor from the previous execution (the journal), fixed so pages neither gap nor overlap. */
  journalEnd: string | null;
  /** The continueCursor this execution's `.paginate()` returned. */
  pageEnd: string | null;
}

export const queryTracking = new AsyncLocalStorage<QueryTracking>();

/** Records the commit timestamp of the first top-level commit made inside a request. */
export interface CommitRecord {
  commitTs?: bigint;
}
export const commitRecord = new AsyncLocalStorage<CommitRecord>();

/** convex-test ids are `<counter><table>`; the table is what follows the digits. */
export function tableOfId(id: string): string | null {
  const match = /^[0-9]+/.exec(id);
  if (!match || match[0].length === id.length) return null;
  return id.slice(match[0].length);
}

export function readKey(componentPath: string, table: string): string {
  return `${componentPath}:${table}`;
}

interface QuerySource {
  source?: { tableName?: string; indexName?: string };
}

/** The table a `queryStream`/`queryPage` query reads (index names are `table.index`). */
export function tableOfQuery(query: QuerySource | undefined): string | null {
  const source = query?.source;
  if (source?.tableName !== undefined) return source.tableName;
  if (source?.indexName !== undefined) return source.indexName.split(".")[0] ?? null;
  return null;
}
