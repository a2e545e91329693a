"use node";

import { createThread, saveMessage } from "@convex-dev/agent";
import { components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { validateMessageText } from "../conversations/model";
import { appError } from "../lib/errors";
import type { Viewer } from "../access/viewer";
import type { Actor } from "../dataSources/connection";
import type { Infer } from "convex/values";
import type { vPlaygroundAnswer } from "../conversations/validators";
import { runSupportTurn } from "./turn";

/*
 * One question to the real agent on a fresh thread, as a given viewer: the dashboard's playground, the
 * eval harness and operators use it to see exactly what a customer would get. No conversation, so
 * escalate/resolve are reported in the result instead of changing anything.
 */

export type PlaygroundAnswer = Infer<typeof vPlaygroundAnswer>;

export async function askAgent(
  ctx: ActionCtx,
  request: {
    organizationId: Id<"organizations">;
    question: string;
    viewer: Viewer;
    actor: Actor;
    /** Answer as of this instant ("next", "today"); default now. */
    asOf?: number;
  },
): Promise<PlaygroundAnswer> {
  const receivedAt = Date.now();
  const question = validateMessageText(request.question);
  const organizationName = await ctx.runQuery(internal.system.conversationRecords.organizationName, {
    organizationId: request.organizationId,
  });
  if (organizationName === null) throw appError("not_found", "Unknown organization.");
  const userId = `playground:${request.organizationId}`;
  const threadId = await createThread(ctx, components.agent, { userId, title: "Playground" });
  const { messageId } = await saveMessage(ctx, components.agent, {
    threadId,
    userId,
    prompt: question,
  });
  const turn = await runSupportTurn(ctx, {
    organizationId: request.organizationId,
    organizationName,
    viewer: request.viewer,
    actor: request.actor,
    threadId,
    userId,
    promptMessageId: messageId,
    channel: "playground",
    receivedAt,
    ...(request.asOf !== undefined && { asOf: request.asOf }),
  });
  return {
    threadId,
    text: turn.text,
    source: turn.lookup?.source ?? "none",
    status:
      turn.outcome === "escalated" ? "escalated" : turn.outcome === "resolved" ? "resolved" : "unresolved",
    failed: turn.outcome === "failed",
    sources: turn.sources,
    lookup: turn.lookup,
    timings: { totalMs: turn.totalMs, database: turn.database, knowledgeBase: turn.knowledgeBase },
    modelId: turn.modelId,
  };
}
