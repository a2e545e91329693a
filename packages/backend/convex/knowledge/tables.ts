import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vActor } from "../audit/tables";
import { vFailure } from "../dataSources/tables";

/** Who may find an indexed item: anyone (`public`) or one customer (`customer:<owner key>`). */
export const vScope = v.string();

export const vJobTable = v.object({
  schema: v.string(),
  table: v.string(),
  /** Resume point after the last committed batch; null before the first. */
  cursor: v.union(v.string(), v.null()),
  /**
   * `rows`: one pass, unchanged rows cost a read and a hash compare, nothing is written. `sweep`: a
   * second pass that marks every row it sees, run only when the table's indexed count says rows went
   * missing upstream; `deletions` then removes the unmarked ones. `purge`: every row leaves (the table
   * was made private or dropped mid-job).
   */
  phase: v.union(
    v.literal("rows"),
    v.literal("sweep"),
    v.literal("deletions"),
    v.literal("purge"),
    v.literal("done"),
  ),
  rowsRead: v.number(),
  rowsEmbedded: v.number(),
  /** Unchanged since the last ingestion: compared by hash, no embedding call. */
  rowsUnchanged: v.number(),
  rowsRemoved: v.number(),
  errors: v.number(),
  /** Rows of the current pass (`rows` or `sweep`) that are in the index now; compared with the count. */
  rowsIndexed: v.optional(v.number()),
  /** Rows the next batch reads: grows while batches come back unchanged (they cost no writes). */
  batchRows: v.optional(v.number()),
});

export const vJobError = v.object({
  table: v.string(),
  key: v.union(v.string(), v.null()),
  code: v.string(),
  message: v.string(),
  at: v.number(),
});

export const vJobStatus = v.union(
  v.object({ kind: v.literal("queued") }),
  v.object({ kind: v.literal("running") }),
  v.object({ kind: v.literal("paused") }),
  v.object({ kind: v.literal("cancelled") }),
  v.object({ kind: v.literal("failed"), error: vFailure }),
  v.object({ kind: v.literal("done") }),
);

export const ingestionJobFields = {
  organizationId: v.id("organizations"),
  dataSourceId: v.id("dataSources"),
  status: vJobStatus,
  startedBy: vActor,
  /** Embedding model id; the namespace is versioned by it. */
  modelId: v.string(),
  tables: v.array(vJobTable),
  /** The most recent per-item errors (bounded), newest last. */
  recentErrors: v.array(vJobError),
  /** Each step claims the next number, so a duplicate or stale step does nothing. */
  step: v.number(),
  heartbeatAt: v.number(),
  /** Retryable failures in a row (network, timeout, resuming...); the job fails after a few. */
  consecutiveFailures: v.number(),
  timings: v.object({ readMs: v.number(), embedMs: v.number(), writeMs: v.number() }),
  finishedAt: v.optional(v.number()),
};

export const indexedRowFields = {
  organizationId: v.id("organizations"),
  dataSourceId: v.id("dataSources"),
  /** `schema.table` */
  table: v.string(),
  /** `schema.table:primary key` (the rag entry key too). */
  key: v.string(),
  /** SHA-256 of the row's document text and scope: equal hash, nothing to embed. */
  hash: v.string(),
  scope: vScope,
  entryId: v.string(),
  /**
   * The job whose sweep last saw this row upstream (unset on rows written outside a sweep): after a
   * sweep, the table's rows it did not mark were deleted there.
   */
  seenBy: v.optional(v.id("ingestionJobs")),
};

/**
 * How many rows of a table are in the index, kept by the ingestion's own inserts and removals. Never
 * lower than the truth (other purges only remove rows), so a pass that indexed exactly this many rows
 * saw them all and nothing was deleted upstream; any difference runs a sweep, which resets it.
 */
export const indexedTableFields = {
  dataSourceId: v.id("dataSources"),
  /** `schema.table` */
  table: v.string(),
  rows: v.number(),
};

export const vDocumentStatus = v.union(
  v.object({ kind: v.literal("processing") }),
  v.object({ kind: v.literal("ready"), chunks: v.number(), pages: v.union(v.number(), v.null()) }),
  v.object({ kind: v.literal("failed"), error: vFailure }),
);

export const knowledgeDocumentFields = {
  organizationId: v.id("organizations"),
  /** The file name, normalized: uploading the same name again replaces the document. */
  key: v.string(),
  fileName: v.string(),
  title: v.string(),
  format: v.string(),
  bytes: v.number(),
  /** The version now in the index (SHA-256 of its bytes): an upload with the same hash is skipped. */
  indexed: v.union(
    v.null(),
    v.object({ contentHash: v.string(), chunks: v.number(), pages: v.union(v.number(), v.null()) }),
  ),
  /** The upload being processed (deleted once indexed or failed). */
  pendingStorageId: v.union(v.id("_storage"), v.null()),
  status: vDocumentStatus,
  warnings: v.array(v.string()),
  uploadedBy: vActor,
  updatedAt: v.number(),
};

export const knowledgeTables = {
  knowledgeDocuments: defineTable(knowledgeDocumentFields).index("by_organizationId_and_key", [
    "organizationId",
    "key",
  ]),
  ingestionJobs: defineTable(ingestionJobFields)
    .index("by_organizationId", ["organizationId"])
    .index("by_status_kind_and_heartbeatAt", ["status.kind", "heartbeatAt"]),
  indexedRows: defineTable(indexedRowFields)
    .index("by_dataSourceId_and_key", ["dataSourceId", "key"])
    .index("by_dataSourceId_and_table_and_seenBy", ["dataSourceId", "table", "seenBy"]),
  indexedTables: defineTable(indexedTableFields).index("by_dataSourceId_and_table", [
    "dataSourceId",
    "table",
  ]),
};
