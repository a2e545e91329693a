"use node";

import {
  escalateInputSchema,
  lookupInputSchema,
  resolveInputSchema,
  SUPPORT_TOOL_DESCRIPTIONS,
  SUPPORT_TOOL_NAMES,
  type LookupResult,
} from "@answerbase/models/language";
import { tool, type ToolSet } from "ai";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { gatherAnswerSources, type AnswerSources } from "./answerSources";
import type { Actor } from "../dataSources/connection";
import type { Viewer } from "../access/viewer";
import type { LookupContext } from "../lookup/context";

/*
 * The agent's tools, bound to one turn: the organization, the viewer (scoping is decided here, from the
 * contact session, never by the model) and the conversation whose status escalate/resolve change.
 * What the tools did is kept in the turn's trace for the answer record.
 */

export interface TurnContext {
  organizationId: Id<"organizations">;
  viewer: Viewer;
  actor: Actor;
  /** Absent in the playground: escalate/resolve are then only reported. */
  conversationId?: Id<"conversations">;
  /**
   * The instant "next", "today" and "this month" are read against; absent: now. Only the eval pins
   * it, to the date its cases were written for.
   */
  asOf?: number;
}

export interface SqlRun {
  table: string;
  statement: string;
  rowCount: number;
  durationMs: number;
}

/** An agent action the turn called: its mapped fields are all the model (and the sources) saw of the response. */
export interface ActionCall {
  action: string;
  status: string;
  fields: { field: string; value: string | number | boolean | null }[];
}

export interface TurnTrace {
  lookups: AnswerSources[];
  sql: SqlRun[];
  actions: ActionCall[];
  status: "escalated" | "resolved" | null;
}

export function newTrace(): TurnTrace {
  return { lookups: [], sql: [], actions: [], status: null };
}

export function supportTools(
  ctx: ActionCtx,
  turn: TurnContext,
  trace: TurnTrace,
  context: LookupContext,
): ToolSet {
  return {
    [SUPPORT_TOOL_NAMES.lookup]: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.lookup,
      inputSchema: lookupInputSchema,
      execute: async ({ question }): Promise<LookupResult> => {
        const sources = await gatherAnswerSources(ctx, { ...turn, question, context });
        trace.lookups.push(sources);
        return sources.result;
      },
    }),
    [SUPPORT_TOOL_NAMES.escalate]: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.escalate,
      inputSchema: escalateInputSchema,
      execute: async ({ reason }) => {
        if (turn.conversationId !== undefined) {
          await ctx.runMutation(internal.system.conversationRecords.setStatusByAgent, {
            conversationId: turn.conversationId,
            status: "escalated",
            reason: reason.slice(0, 500),
          });
        }
        trace.status = "escalated";
        return { escalated: true };
      },
    }),
    [SUPPORT_TOOL_NAMES.resolve]: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.resolve,
      inputSchema: resolveInputSchema,
      execute: async () => {
        if (turn.conversationId !== undefined) {
          await ctx.runMutation(internal.system.conversationRecords.setStatusByAgent, {
            conversationId: turn.conversationId,
            status: "resolved",
          });
        }
        trace.status = "resolved";
        return { resolved: true };
      },
    }),
  };
}
