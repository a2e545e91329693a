"use node";

import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { withConnector } from "../dataSources/connection";
import { isAppError } from "../lib/errors";
import { csvLine } from "./csv";
import { CONSOLE_TIMEOUT_MS, consoleTag } from "./run";

/*
 * Writes an export's CSV: the connector's batches (a server-side cursor on Postgres, pages on the
 * HTTP engines) turned into ~256 KB chunks handed to the download's stream through
 * `system/sqlExports`. It holds back while more than MAX_WAITING chunks are unsent, so a slow
 * download slows the database read instead of filling memory, and stops (ending the cursor's
 * transaction) when the download is cancelled. Audited by withConnector: row count and duration.
 */

const CHUNK_CHARS = 256 * 1024;
const MAX_WAITING = 4;
const HOLD_BACK_MS = 20;
const BATCH_ROWS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function produceExport(ctx: ActionCtx, exportId: Id<"sqlConsoleExports">): Promise<void> {
  const job = await ctx.runQuery(internal.system.sqlExports.load, { exportId });
  if (job === null || job.status.kind !== "running") return;
  const started = performance.now();
  let seq = 0;
  /** Sends `text`; false once the download is gone. */
  const send = async (text: string, rowCount: number): Promise<boolean> => {
    let flow = await ctx.runMutation(internal.system.sqlExports.append, {
      exportId,
      seq: seq++,
      text,
      rowCount,
    });
    while (!flow.stop && flow.pending > MAX_WAITING) {
      await sleep(HOLD_BACK_MS);
      flow = await ctx.runQuery(internal.system.sqlExports.flow, { exportId });
    }
    return !flow.stop;
  };
  try {
    const outcome = await withConnector(
      ctx,
      {
        organizationId: job.organizationId,
        actor: { kind: "member", userId: job.userId },
        operation: "sql_export",
        rateLimit: "sqlConsole",
      },
      async (connector) => {
        let rowCount = 0;
        let text = "";
        let header = false;
        const batches = connector.exportConsole(job.sql, job.params, {
          tag: consoleTag(job.organizationId, job.runId),
          batchSize: BATCH_ROWS,
          timeoutMs: CONSOLE_TIMEOUT_MS,
        });
        for await (const batch of batches) {
          if (!header) {
            text += csvLine(batch.columns.map((column) => column.name));
            header = true;
          }
          for (const row of batch.rows) {
            text += csvLine(row);
            rowCount++;
            if (text.length >= CHUNK_CHARS) {
              // Leaving the loop ends the connector's read (its cursor's transaction rolls back).
              if (!(await send(text, rowCount))) return { result: { sent: false, rowCount }, rowCount };
              text = "";
            }
          }
        }
        if (text.length > 0 && !(await send(text, rowCount)))
          return { result: { sent: false, rowCount }, rowCount };
        return { result: { sent: true, rowCount }, rowCount };
      },
    );
    if (outcome.sent) {
      await ctx.runMutation(internal.system.sqlExports.finish, {
        exportId,
        status: {
          kind: "done",
          rowCount: outcome.rowCount,
          durationMs: Math.round(performance.now() - started),
        },
      });
    }
  } catch (error) {
    const data = isAppError(error)
      ? error.data
      : { code: "internal", message: "The export failed; the error was logged." };
    if (!isAppError(error)) console.error("SQL export failed", error);
    await ctx.runMutation(internal.system.sqlExports.finish, {
      exportId,
      status: { kind: "failed", code: data.code, message: data.message },
    });
  }
}
