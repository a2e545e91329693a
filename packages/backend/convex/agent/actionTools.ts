"use node";

import { ACTION_TOOL_PREFIX, type ActionResult } from "@answerbase/models/language";
import { jsonSchema, tool, type ToolSet } from "ai";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { requestAndRun } from "../agentActions/execute";
import type { ActionKind } from "../agentActions/tables";
import type { TurnContext, TurnTrace } from "./tools";

/*
 * One tool per enabled agent action, beside `lookup`. The model supplies only the inputs its schema
 * names; they are checked against the schema in system/actionRuns:request before anything is stored
 * or sent, and a refusal comes back to the model. Customer and conversation inputs are filled there
 * from the session. A run approved at once (no gate, or an auto-approval rule) runs now and the reply
 * tells its result; a gated one waits, and the customer hears back in the conversation.
 */

export interface ToolAction {
  actionId: Id<"agentActions">;
  name: string;
  description: string;
  kind: ActionKind;
  modelInputSchema: string;
}

export async function loadToolActions(
  ctx: ActionCtx,
  organizationId: TurnContext["organizationId"],
): Promise<ToolAction[]> {
  return await ctx.runQuery(internal.system.actionRuns.toolActions, { organizationId });
}

const NOT_HERE: ActionResult = {
  ok: false,
  message: "I can only do that in a customer's chat, not here.",
  refusal: "Actions run only in a widget conversation.",
};

export function actionTools(
  ctx: ActionCtx,
  turn: TurnContext,
  trace: TurnTrace,
  actions: readonly ToolAction[],
): ToolSet {
  const tools: ToolSet = {};
  for (const action of actions) {
    tools[`${ACTION_TOOL_PREFIX}${action.name}`] = tool({
      description: `${action.description}${action.kind === "read" ? " (Reads only.)" : " (Changes something for the customer: call it only when they ask for it.)"}`,
      // The schema is shown to the model as is; validation happens server-side, not in the SDK.
      inputSchema: jsonSchema<Record<string, unknown>>(
        JSON.parse(action.modelInputSchema) as Parameters<typeof jsonSchema>[0],
      ),
      execute: async (input: Record<string, unknown>): Promise<ActionResult> => {
        if (turn.conversationId === undefined) return NOT_HERE;
        const run = await requestAndRun(ctx, {
          actionId: action.actionId,
          conversationId: turn.conversationId,
          modelInput: input,
        });
        trace.actions.push({ action: action.name, status: run.status, fields: run.fields });
        return {
          ok: run.ok,
          status: run.status,
          message: run.message,
          ...(run.refusal === undefined ? {} : { refusal: run.refusal }),
          ...(run.fields.length === 0
            ? {}
            : { fields: Object.fromEntries(run.fields.map((f) => [f.field, f.value])) }),
        };
      },
    });
  }
  return tools;
}
