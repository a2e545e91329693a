"use node";

import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { withConnector } from "../dataSources/connection";
import type { Acting } from "../dataSources/operations";
import { appError, isAppError } from "../lib/errors";
import type { vConsoleOutcome } from "./tables";
import { CONSOLE_PAGE_SIZES, type vConsolePage } from "./validators";

/*
 * What the SQL console does with an admin's statement (Node: the drivers). The connector guards it
 * (one read-only SELECT), runs it in a read-only transaction under a statement timeout and returns
 * one LIMIT/OFFSET page of at most 500 rows; every run is audited (duration, row count) and kept in
 * the admin's history.
 */

/** Long enough for an analytical query, short enough that a forgotten one frees the connection. */
export const CONSOLE_TIMEOUT_MS = 30_000;

type ConsolePage = Infer<typeof vConsolePage>;

export interface ConsoleRequest {
  sql: string;
  params?: (string | number | boolean | null)[];
  pageSize: number;
  page: number;
  explain?: boolean;
  runId: string;
}

/**
 * The statement's tag: the organization keeps one admin's cancel from reaching another
 * organization's statement in the same process, the browser's run id names the run.
 */
export function consoleTag(organizationId: Id<"organizations">, runId: string): string {
  if (!/^[a-z0-9-]{1,40}$/.test(runId)) {
    throw appError("invalid_input", "runId must be 1 to 40 characters of a-z, 0-9 and -.", {
      fields: [{ field: "runId", message: "expected a lowercase UUID" }],
    });
  }
  return `${organizationId.toLowerCase()}-${runId}`;
}

/**
 * Who ran it: a member's statements are kept in their history; an API key's (`userId` absent) only in
 * the audit log, since the history is one admin's own list.
 */
export type ConsoleActing = Acting & { userId?: Id<"users"> };

export async function runConsolePage(
  ctx: ActionCtx,
  acting: ConsoleActing,
  request: ConsoleRequest,
): Promise<ConsolePage> {
  if (!(CONSOLE_PAGE_SIZES as readonly number[]).includes(request.pageSize)) {
    throw appError("invalid_input", `pageSize must be one of ${CONSOLE_PAGE_SIZES.join(", ")}.`, {
      fields: [{ field: "pageSize", message: `one of ${CONSOLE_PAGE_SIZES.join(", ")}` }],
    });
  }
  if (!Number.isInteger(request.page) || request.page < 0) {
    throw appError("invalid_input", "page must be a whole number from 0.", {
      fields: [{ field: "page", message: "a whole number from 0" }],
    });
  }
  const tag = consoleTag(acting.organizationId, request.runId);
  const explain = request.explain === true;
  const { userId } = acting;
  const remember = async (outcome: Infer<typeof vConsoleOutcome>) => {
    if (userId === undefined) return;
    await ctx.runMutation(internal.system.sqlConsoleHistory.record, {
      organizationId: acting.organizationId,
      userId,
      sql: request.sql,
      explain,
      outcome,
    });
  };
  try {
    const page = await withConnector(
      ctx,
      { ...acting, operation: "sql_console", rateLimit: "sqlConsole" },
      async (connector) => {
        const result = await connector.runConsole(request.sql, request.params ?? [], {
          pageSize: request.pageSize,
          offset: request.page * request.pageSize,
          timeoutMs: CONSOLE_TIMEOUT_MS,
          tag,
          explain,
        });
        return { result, rowCount: result.rows.length };
      },
    );
    // Paging through a result is one query, remembered once.
    if (request.page === 0) {
      await remember({ kind: "ok", rowCount: page.rows.length, durationMs: page.durationMs });
    }
    return {
      columns: page.columns.map(({ name, type, nativeType }) => ({ name, type, nativeType })),
      rows: page.rows.map((row) =>
        row.map((value, i) =>
          // Arbitrary JSON keys are not all valid Convex field names: ship json cells as text.
          page.columns[i]?.type === "json" && value !== null ? JSON.stringify(value) : value,
        ),
      ),
      hasMore: page.hasMore,
      durationMs: page.durationMs,
    };
  } catch (error) {
    if (request.page === 0 && isAppError(error)) await remember({ kind: "error", code: error.data.code });
    throw error;
  }
}

/** Asks the database to stop the run; false when it had already finished. */
export async function cancelConsoleRun(ctx: ActionCtx, acting: Acting, runId: string): Promise<boolean> {
  const tag = consoleTag(acting.organizationId, runId);
  return await withConnector(ctx, { ...acting, operation: "sql_console_cancel" }, async (connector) => ({
    result: await connector.cancelConsole(tag, { timeoutMs: 10_000 }),
  }));
}
