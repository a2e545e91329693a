"use node";

import type { Connector, TableInfo } from "@answerbase/connectors";
import { embedMany } from "ai";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction, type ActionCtx } from "../_generated/server";
import type { AccessPolicy } from "../lib/accessPolicies";
import { cachedCatalog, toAppError, withConnector } from "../lib/dataSourceAccess";
import { ingestionBatchRows } from "../lib/env";
import { knowledgeIndex, organizationNamespace } from "../lib/knowledgeIndex";
import { documentHash, rowDocument } from "../lib/rowDocuments";
import { scopesOf } from "../lib/rowScopes";
import type { ClaimedStep } from "./ingestionRecords";

/*
 * One bounded step of an ingestion job: a batch of one table's rows (or of its removals), committed
 * with the table's cursor, then the next step is scheduled. A crash or deploy loses at most the batch
 * in flight; the watchdog (crons.ts) schedules the next step again, and it resumes from the cursor.
 */

const REMOVALS_PER_STEP = 200;
const MAX_RETRIES = 5;
const WRITE_CONCURRENCY = 8;

/** Like Promise.all over `items`, with at most `limit` calls in flight; results keep their order. */
async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
const TIMEOUT_MS = 10_000;
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
      if (table.phase === "deletions") await removeUnseen(ctx, claimed, label, step);
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
  await withConnector(
    ctx,
    { organizationId: job.organizationId, actor: job.startedBy, operation: "ingest", table: label },
    async (connector, dataSource) => {
      const readStarted = performance.now();
      const catalog = await cachedCatalog(connector, job.organizationId, dataSource.version);
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
      const batch = await firstBatch(connector, info, table!.cursor);
      const scopes = await scopesOf(connector, catalog, batch.rows, policy, TIMEOUT_MS);
      const readMs = performance.now() - readStarted;

      const errors: { key: string | null; code: string; message: string }[] = [];
      const documents = [];
      for (const [index, row] of batch.rows.entries()) {
        const document = rowDocument(info, row, batch.columns);
        const scope = scopes[index] ?? null;
        if (scope === null) {
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
        documents.push({
          ...document,
          scope,
          hash: await documentHash(`${entry.id}\n${document.text}`, scope),
        });
      }
      const known = await ctx.runQuery(internal.system.ingestionRecords.indexedByKeys, {
        dataSourceId: job.dataSourceId,
        keys: documents.map((d) => d.key),
      });
      const knownHash = new Map(known.map((k) => [k.key, k.hash]));
      const changed = documents.filter((d) => knownHash.get(d.key) !== d.hash);
      const unchanged = documents.filter((d) => knownHash.get(d.key) === d.hash).map((d) => d.key);

      const embedStarted = performance.now();
      const embeddings =
        changed.length === 0
          ? []
          : (await embedMany({ model: entry.model, values: changed.map((d) => d.text) })).embeddings;
      const embedMs = performance.now() - embedStarted;

      const writeStarted = performance.now();
      const namespace = organizationNamespace(job.organizationId);
      // rag.add is one mutation per row: several in flight at once (Convex runs them in parallel).
      const upserts = await mapConcurrently(changed, WRITE_CONCURRENCY, async (document, index) => {
        const { entryId } = await rag.add(ctx, {
          namespace,
          key: document.key,
          title: document.title,
          chunks: [{ text: document.text, embedding: embeddings[index]! }],
          filterValues: [{ name: "scope", value: document.scope }],
          metadata: { source: "row", table: label },
        });
        return { key: document.key, hash: document.hash, scope: document.scope, entryId: entryId };
      });
      await ctx.runMutation(internal.system.ingestionRecords.recordBatch, {
        jobId: job._id,
        step,
        table: label,
        cursor: batch.cursor,
        done: batch.done,
        upserts,
        seen: unchanged,
        counters: {
          rowsRead: batch.rows.length,
          rowsEmbedded: changed.length,
          rowsUnchanged: unchanged.length,
          rowsRemoved: 0,
          errors: errors.length,
        },
        errors: errors.slice(0, 10),
        timings: { readMs, embedMs, writeMs: performance.now() - writeStarted },
      });
      return { result: null, rowCount: batch.rows.length };
    },
  );
}

async function firstBatch(connector: Connector, table: TableInfo, cursor: string | null) {
  for await (const batch of connector.streamRows(
    { schema: table.schema, name: table.name },
    { batchSize: ingestionBatchRows(), cursor, timeoutMs: TIMEOUT_MS },
  )) {
    return batch; // one batch per step; the generator is closed by returning
  }
  return { columns: [], rows: [], cursor, done: true };
}

async function removeUnseen(ctx: ActionCtx, claimed: ClaimedStep, label: string, step: number) {
  const { rag } = knowledgeIndex();
  const rows = await ctx.runQuery(internal.system.ingestionRecords.unseenRows, {
    jobId: claimed.job._id,
    table: label,
    limit: REMOVALS_PER_STEP,
  });
  for (const row of rows) await rag.delete(ctx, { entryId: row.entryId as never });
  await ctx.runMutation(internal.system.ingestionRecords.recordRemovals, {
    jobId: claimed.job._id,
    step,
    table: label,
    removed: rows.map((row) => row.id),
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
