"use node";

import { createHash } from "node:crypto";
import { embedMany } from "ai";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction, type ActionCtx } from "../_generated/server";
import type { AccessPolicy } from "../access/policies";
import { cachedCatalog, toAppError, withConnector } from "../dataSources/connection";
import { ingestionBatchRows } from "../lib/env";
import { knowledgeIndex, organizationNamespace } from "../knowledge/searchIndex";
import { readBatch, type BatchDocument } from "../knowledge/rowBatch";
import type { ClaimedStep } from "./ingestionRecords";

/*
 * One bounded step of an ingestion job: a batch of one table's rows (or of its removals), committed
 * with the table's cursor, then the next step is scheduled. A crash or deploy loses at most the batch
 * in flight; the watchdog (crons.ts) schedules the next step again, and it resumes from the cursor.
 */

const REMOVALS_PER_STEP = 200;
const MAX_RETRIES = 5;
/**
 * Changed rows go to the index in mutations of at most this many bytes (text, as rag stores it twice,
 * plus the vector), well under Convex's per-transaction write limits whatever the model's dimension.
 */
const WRITE_GROUP_BYTES = 4_000_000;
/**
 * ...and of at most this many rows: each row's rag entry costs a few index ranges (reads of the entry,
 * its namespace and chunks), and a mutation may read 4,096 (Convex's per-function limit), whatever the
 * rows weigh. test/ingestion-limits.test.ts writes a 4,500-row batch.
 */
const WRITE_GROUP_ROWS = 200;
/**
 * Keys compared with the index per query: one index range each (a query may read 4,096), so a batch of
 * up to 10,000 rows is compared in several queries.
 */
const COMPARE_KEYS = 1_000;
/**
 * A sweep's unchanged rows marked as seen per mutation: a get and a patch each, two index ranges, so
 * well under the 4,096 a mutation may read.
 */
const MARK_SEEN_ROWS = 1_000;
const TIMEOUT_MS = 10_000;
/**
 * An unchanged batch costs a read and a hash compare, no embedding and no write, so the next one reads
 * twice as many rows, up to this multiple of INGESTION_BATCH_ROWS; a batch with changes goes back to it.
 */
const UNCHANGED_GROWTH = 8;
/** Codes that end the whole job: the data source itself is gone or unreadable. */
const FATAL = new Set([
  "not_configured",
  "secret_missing",
  "secret_corrupted",
  "auth",
  "permission",
  "invalid_config",
]);

export const step = internalAction({
  args: { jobId: v.id("ingestionJobs"), step: v.number() },
  handler: async (ctx, { jobId, step }) => {
    const claimed: ClaimedStep | null = await ctx.runMutation(internal.system.ingestionRecords.claimStep, {
      jobId,
      step,
    });
    if (claimed === null) return;
    const { table, policy } = claimed;
    if (table === null || policy === null) {
      await ctx.runMutation(internal.system.ingestionRecords.finish, { jobId, status: { kind: "done" } });
      return;
    }
    const label = `${table.schema}.${table.table}`;
    try {
      if (table.phase === "deletions" || table.phase === "purge") await removeRows(ctx, claimed, label, step);
      else if (policy.kind === "private") {
        // Made private since the job started: nothing of it may stay in the index.
        await ctx.runMutation(internal.system.ingestionRecords.skipTable, {
          jobId,
          step,
          table: label,
          error: null,
          purge: true,
        });
      } else await ingestBatch(ctx, claimed, policy, label, step);
    } catch (thrown) {
      const error = toAppError(thrown).data;
      if (FATAL.has(error.code)) {
        await ctx.runMutation(internal.system.ingestionRecords.finish, {
          jobId,
          status: {
            kind: "failed",
            error: { code: error.code, message: error.message, retryable: error.retryable ?? false },
          },
        });
        return;
      }
      if (error.retryable === true) {
        // The database or a service is briefly away: the same batch again after a back-off, a few times.
        const failures = await ctx.runMutation(internal.system.ingestionRecords.recordRetry, {
          jobId,
          step,
          error: { table: label, key: null, code: error.code, message: error.message, at: Date.now() },
        });
        if (failures < 0) return;
        if (failures <= MAX_RETRIES) {
          await ctx.scheduler.runAfter(1000 * 2 ** failures, internal.system.ingestion.step, {
            jobId,
            step: step + 1,
          });
          return;
        }
        await ctx.runMutation(internal.system.ingestionRecords.finish, {
          jobId,
          status: {
            kind: "failed",
            error: {
              code: error.code,
              message: `${error.message} (gave up after ${MAX_RETRIES} retries)`,
              retryable: true,
            },
          },
        });
        return;
      }
      // The table failed (dropped, a row over a size limit, bad data): note it and go on with the next.
      await ctx.runMutation(internal.system.ingestionRecords.skipTable, {
        jobId,
        step,
        table: label,
        error: { table: label, key: null, code: error.code, message: error.message, at: Date.now() },
        purge: false,
      });
    }
    await ctx.scheduler.runAfter(0, internal.system.ingestion.step, { jobId, step: step + 1 });
  },
});

async function ingestBatch(
  ctx: ActionCtx,
  claimed: ClaimedStep,
  policy: AccessPolicy,
  label: string,
  step: number,
) {
  const { job, table } = claimed;
  const { entry, rag } = knowledgeIndex();
  if (job.modelId !== entry.id)
    await ctx.runMutation(internal.system.ingestionRecords.setModel, { jobId: job._id, modelId: entry.id });
  const sweep = table!.phase === "sweep";
  await withConnector(
    ctx,
    { organizationId: job.organizationId, actor: job.startedBy, operation: "ingest", table: label },
    async (connector) => {
      const readStarted = performance.now();
      const catalog = await cachedCatalog(connector);
      const info = catalog.find((t) => t.schema === table!.schema && t.name === table!.table);
      if (info === undefined) {
        await ctx.runMutation(internal.system.ingestionRecords.skipTable, {
          jobId: job._id,
          step,
          table: label,
          error: {
            table: label,
            key: null,
            code: "not_found",
            message: `Table ${label} no longer exists.`,
            at: Date.now(),
          },
          purge: true,
        });
        return { result: null, rowCount: 0 };
      }
      const batchRows = table!.batchRows ?? ingestionBatchRows();
      const read = await readBatch(connector, catalog, info, {
        cursor: table!.cursor,
        batchRows,
        policy,
        shared: new Map(claimed.shared.map((s) => [s.table, s.policy])),
        modelId: entry.id,
        timeoutMs: TIMEOUT_MS,
        sha256: (input) => createHash("sha256").update(input).digest("hex"),
      });
      // One document per key (two rows could format to the same key); the last one wins.
      const documents = new Map(read.documents.map((d) => [d.key, d]));
      const compared = await compareInChunks(ctx, {
        jobId: job._id,
        dataSourceId: job.dataSourceId,
        rows: [...documents.values()].map(({ key, hash }) => ({ key, hash })),
        ownerless: read.ownerless,
        sweep,
      });
      const changed = compared.changed.map(({ key, id }) => ({ ...documents.get(key)!, id }));
      const readMs = performance.now() - readStarted;

      const embedStarted = performance.now();
      const embeddings =
        changed.length === 0
          ? []
          : (await embedMany({ model: entry.model, values: changed.map((d) => d.text) })).embeddings;
      const embedMs = performance.now() - embedStarted;

      const writeStarted = performance.now();
      if (changed.length > 0) {
        const { namespaceId } = await rag.getOrCreateNamespace(ctx, {
          namespace: organizationNamespace(job.organizationId),
          status: "ready",
        });
        const rows = changed.map((document, index) => ({ ...document, embedding: embeddings[index]! }));
        for (const group of writeGroups(rows)) {
          const written = await ctx.runMutation(internal.system.ingestionWrites.writeRows, {
            jobId: job._id,
            step,
            namespaceId,
            table: label,
            rows: group,
          });
          if (!written) return { result: null, rowCount: read.rowCount }; // a newer step took over
        }
      }
      for (let i = 0; i < compared.unmarked.length; i += MARK_SEEN_ROWS) {
        const marked = await ctx.runMutation(internal.system.ingestionWrites.markSeen, {
          jobId: job._id,
          step,
          ids: compared.unmarked.slice(i, i + MARK_SEEN_ROWS),
        });
        if (!marked) return { result: null, rowCount: read.rowCount }; // a newer step took over
      }
      await ctx.runMutation(internal.system.ingestionRecords.recordBatch, {
        jobId: job._id,
        step,
        table: label,
        cursor: read.cursor,
        done: read.done,
        rowsIndexed: documents.size,
        batchRows:
          changed.length === 0
            ? Math.min(batchRows * 2, ingestionBatchRows() * UNCHANGED_GROWTH, 10_000)
            : ingestionBatchRows(),
        ownerless: compared.ownerless,
        // A sweep reads the table a second time: only what changed meanwhile is counted again.
        counters: {
          rowsRead: sweep ? 0 : read.rowCount,
          rowsEmbedded: changed.length,
          rowsUnchanged: sweep ? 0 : documents.size - changed.length,
          rowsRemoved: 0,
          errors: sweep ? 0 : read.errors.length,
        },
        errors: sweep ? [] : read.errors.slice(0, 10),
        timings: { readMs, embedMs, writeMs: performance.now() - writeStarted },
      });
      return { result: null, rowCount: read.rowCount };
    },
  );
}

type CompareArgs = FunctionArgs<typeof internal.system.ingestionRecords.compareRows>;
type Compared = FunctionReturnType<typeof internal.system.ingestionRecords.compareRows>;

/** `compareRows` over a whole batch, COMPARE_KEYS keys (rows, then ownerless keys) per query. */
async function compareInChunks(ctx: ActionCtx, args: CompareArgs): Promise<Compared> {
  const result: Compared = { changed: [], unmarked: [], ownerless: [] };
  const compare = async (rows: CompareArgs["rows"], ownerless: string[]) => {
    const part = await ctx.runQuery(internal.system.ingestionRecords.compareRows, {
      ...args,
      rows,
      ownerless,
    });
    result.changed.push(...part.changed);
    result.unmarked.push(...part.unmarked);
    result.ownerless.push(...part.ownerless);
  };
  for (let i = 0; i < args.rows.length; i += COMPARE_KEYS) {
    await compare(args.rows.slice(i, i + COMPARE_KEYS), []);
  }
  for (let i = 0; i < args.ownerless.length; i += COMPARE_KEYS) {
    await compare([], args.ownerless.slice(i, i + COMPARE_KEYS));
  }
  return result;
}

/** Consecutive groups of rows whose estimated size stays under WRITE_GROUP_BYTES, of WRITE_GROUP_ROWS at most. */
function writeGroups<T extends BatchDocument & { embedding: number[] }>(rows: T[]): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = 3 * row.text.length + 8 * row.embedding.length + 500;
    if (group.length > 0 && (bytes + size > WRITE_GROUP_BYTES || group.length >= WRITE_GROUP_ROWS)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(row);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

async function removeRows(ctx: ActionCtx, claimed: ClaimedStep, label: string, step: number) {
  const rows = await ctx.runQuery(internal.system.ingestionWrites.rowsToRemove, {
    jobId: claimed.job._id,
    table: label,
    limit: REMOVALS_PER_STEP,
  });
  await ctx.runMutation(internal.system.ingestionWrites.recordRemovals, {
    jobId: claimed.job._id,
    step,
    table: label,
    removed: rows,
    finished: rows.length < REMOVALS_PER_STEP,
  });
}

/** Crons: restart the next step of jobs whose steps went silent for two minutes. */
export const resumeStalled = internalAction({
  args: {},
  handler: async (ctx) => {
    const stalled = await ctx.runQuery(internal.system.ingestionRecords.stalledJobs, {
      olderThan: Date.now() - 120_000,
    });
    for (const { jobId, step: next } of stalled) {
      await ctx.scheduler.runAfter(0, internal.system.ingestion.step, { jobId, step: next });
    }
  },
});
