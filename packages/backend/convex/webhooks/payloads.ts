import type { ObjectType } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { answerRecordFields } from "../conversations/tables";
import { emitEvent } from "./events";

type AnswerRecord = ObjectType<typeof answerRecordFields>;

/**
 * `answer.recorded` for every saved answer, and `lookup.failed` when its database lookup failed or
 * timed out. Sources name tables and documents with counts; the SQL statement and the rows stay out.
 */
export async function emitAnswerEvents(ctx: MutationCtx, record: AnswerRecord): Promise<void> {
  const conversationId = record.conversationId ?? null;
  await emitEvent(ctx, record.organizationId, "answer.recorded", {
    conversationId,
    channel: record.channel,
    outcome: record.outcome,
    sources: record.sources.map((source) =>
      source.kind === "document"
        ? { kind: "document", title: source.title }
        : {
            kind: "rows",
            table: source.table,
            count: source.kind === "sql" ? source.rowCount : source.count,
          },
    ),
    timings: {
      totalMs: record.totalMs,
      database: record.database ? { ms: record.database.ms, outcome: record.database.outcome } : null,
      knowledgeBase: record.knowledgeBase
        ? { ms: record.knowledgeBase.ms, outcome: record.knowledgeBase.outcome }
        : null,
    },
    ...(record.errorCode !== undefined && { errorCode: record.errorCode }),
  });
  const database = record.database;
  if (database !== undefined && (database.outcome === "failed" || database.outcome === "timeout")) {
    await emitEvent(ctx, record.organizationId, "lookup.failed", {
      conversationId,
      channel: record.channel,
      outcome: database.outcome,
      code: database.code ?? null,
      ms: database.ms,
    });
  }
}

/** `ingestion.completed` or `ingestion.failed` for a job that just finished. */
export async function emitIngestionFinished(
  ctx: MutationCtx,
  job: Doc<"ingestionJobs">,
  status: { kind: "done" } | { kind: "failed"; error: { code: string; message: string } },
): Promise<void> {
  const base = {
    jobId: job._id,
    dataSourceId: job.dataSourceId,
    tables: job.tables.length,
    durationMs: Date.now() - job._creationTime,
  };
  if (status.kind === "done") await emitEvent(ctx, job.organizationId, "ingestion.completed", base);
  else
    await emitEvent(ctx, job.organizationId, "ingestion.failed", {
      ...base,
      error: { code: status.error.code, message: status.error.message },
    });
}
