"use node";

import { tool, type ToolSet } from "ai";
import { z } from "zod";
import type { ActionCtx } from "../_generated/server";
import { runModelSqlForAgent, runNamedLookupForAgent, type AgentRows } from "../lookup/agentStatements";
import type { LookupContext } from "../lookup/context";
import { NAMED_LOOKUP_TOOL_PREFIX, namedLookupInputSchema } from "../lookup/named/run";
import type { TurnContext, TurnTrace } from "./tools";

/*
 * Tools only a provider model gets (the offline model cannot write SQL or pick among named lookups; its
 * `lookup` already runs the named lookups a question can fill): one tool per named lookup, and
 * `query_database` for a SELECT the model writes. Scoping happens inside the helpers, from the turn's
 * viewer, whatever the model passes. Every run is kept in the trace for the answer's sources.
 */

export const QUERY_DATABASE_TOOL = "query_database";

const pageInput = {
  cursor: z
    .string()
    .optional()
    .describe("Continue a truncated result: the nextCursor of the previous call with the same input."),
};

function traced(trace: TurnTrace, rows: AgentRows): AgentRows {
  trace.sql.push({
    table: rows.table,
    statement: rows.statement,
    rowCount: rows.rowCount,
    durationMs: rows.durationMs,
  });
  return rows;
}

export function databaseTools(
  ctx: ActionCtx,
  turn: TurnContext,
  trace: TurnTrace,
  context: LookupContext,
): ToolSet {
  const base = { organizationId: turn.organizationId, viewer: turn.viewer, actor: turn.actor, context };
  const tools: ToolSet = {
    [QUERY_DATABASE_TOOL]: tool({
      description:
        "Run one read-only PostgreSQL SELECT over the tables `lookup` showed you (schema-qualified names). " +
        "It is checked by a SQL parser, limited to 20 rows per page (100 max) and 10 s, and customer " +
        "tables only ever contain this customer's rows. A refusal explains what to fix.",
      inputSchema: z.object({
        sql: z.string().min(1).max(5_000).describe("One SELECT statement, no trailing semicolon needed."),
        ...pageInput,
      }),
      execute: async ({ sql, cursor }) =>
        traced(trace, await runModelSqlForAgent(ctx, { ...base, sql, cursor: cursor ?? null })),
    }),
  };
  for (const lookup of context.namedLookups) {
    tools[`${NAMED_LOOKUP_TOOL_PREFIX}${lookup.name}`] = tool({
      description: lookup.description,
      inputSchema: namedLookupInputSchema(lookup).extend(pageInput),
      execute: async (input: Record<string, unknown>) => {
        const { cursor, ...args } = input;
        return traced(
          trace,
          await runNamedLookupForAgent(ctx, {
            ...base,
            name: lookup.name,
            args,
            cursor: typeof cursor === "string" ? cursor : null,
          }),
        );
      },
    });
  }
  return tools;
}
