import { v } from "convex/values";

/* The SQL console's request and page shapes (private/sqlConsoleActions.ts). */

/** Rows per page the console offers; the connector caps a page at 500. */
export const CONSOLE_PAGE_SIZES = [50, 100, 500] as const;

export const vConsoleRequest = {
  sql: v.string(),
  /** Bound to `$1..$n`; text as typed, the database casts it. */
  params: v.optional(v.array(v.union(v.string(), v.number(), v.boolean(), v.null()))),
  pageSize: v.number(),
  /** 0-based page; page n skips n × pageSize rows (LIMIT/OFFSET). */
  page: v.number(),
  explain: v.optional(v.boolean()),
  /** Chosen by the browser (a UUID) so that it can cancel this run while it waits for it. */
  runId: v.string(),
};

export const vConsolePage = v.object({
  columns: v.array(v.object({ name: v.string(), type: v.string(), nativeType: v.string() })),
  /** Cells in column order; json cells as JSON text, 64-bit integers and numerics as strings. */
  rows: v.array(v.array(v.any())),
  hasMore: v.boolean(),
  /** Time the database took, as the connector measured it. */
  durationMs: v.number(),
});
