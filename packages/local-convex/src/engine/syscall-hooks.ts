import type { EngineCore } from "./convex-test-adapter.ts";
import { queryTracking, readKey, tableOfId, tableOfQuery } from "./tracking.ts";

/** Where the deployment serves uploads and files (the server's own origin). */
export interface StorageUrls {
  uploadUrl(): string;
  fileUrl(storageId: string): string;
}

interface SyscallArgs {
  query?: { source?: { tableName?: string; indexName?: string } };
  table?: string;
  id?: string;
  endCursor?: string | null;
  storageId?: string;
}

/**
 * Wraps the engine's syscalls: records the tables each tracked query reads (per component), applies
 * the pagination journal, and turns convex-test's placeholder storage URLs into real ones.
 */
export function installSyscallHooks(core: EngineCore, urls: StorageUrls): void {
  const recordRead = (table: string | null | undefined) => {
    const tracking = queryTracking.getStore();
    if (tracking !== undefined && table) tracking.reads.add(readKey(core.currentComponentPath(), table));
  };

  core.wrapSyscalls(
    (op, json, next) => {
      if (op === "1.0/queryStream") recordRead(tableOfQuery((JSON.parse(json) as SyscallArgs).query));
      return next(op, json);
    },
    async (op, json, next) => {
      switch (op) {
        case "1.0/get": {
          const args = JSON.parse(json) as SyscallArgs;
          recordRead(args.table ?? (args.id === undefined ? null : tableOfId(args.id)));
          return next(op, json);
        }
        case "1.0/count":
          recordRead((JSON.parse(json) as SyscallArgs).table);
          return next(op, json);
        case "1.0/queryPage":
          return queryPage(json, next, recordRead);
        case "1.0/storageGenerateUploadUrl":
          return JSON.stringify(urls.uploadUrl());
        case "1.0/storageGetUrl": {
          const found = JSON.parse(await next(op, json)) as string | null;
          const { storageId } = JSON.parse(json) as SyscallArgs;
          return JSON.stringify(found === null || storageId === undefined ? null : urls.fileUrl(storageId));
        }
        default:
          return next(op, json);
      }
    },
  );
}

/**
 * A re-executed subscription keeps the page's end where the first execution put it (the journal), as
 * a deployment does, so that rows inserted into an earlier page grow that page instead of shifting
 * rows into the next one (no gaps, no duplicates in `usePaginatedQuery`).
 */
async function queryPage(
  json: string,
  next: (op: string, args: string) => Promise<string>,
  recordRead: (table: string | null) => void,
): Promise<string> {
  const args = JSON.parse(json) as SyscallArgs & Record<string, unknown>;
  recordRead(tableOfQuery(args.query));
  const tracking = queryTracking.getStore();
  const journalEnd = tracking?.journalEnd ?? null;
  const injected = journalEnd !== null && (args.endCursor === null || args.endCursor === undefined);
  const result = await next(
    "1.0/queryPage",
    injected ? JSON.stringify({ ...args, endCursor: journalEnd }) : json,
  );
  if (tracking === undefined) return result;
  const page = JSON.parse(result) as { continueCursor: string; isDone: boolean };
  if (injected && page.continueCursor === "_end_cursor" && journalEnd !== "_end_cursor") {
    // The row at the journal's end was deleted: the page still ends there.
    page.continueCursor = journalEnd;
    page.isDone = false;
    tracking.pageEnd = journalEnd;
    return JSON.stringify(page);
  }
  tracking.pageEnd = page.continueCursor;
  return result;
}
