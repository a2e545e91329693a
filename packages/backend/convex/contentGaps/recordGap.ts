"use node";

import { embed } from "ai";
import { components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { knowledgeIndex } from "../knowledge/searchIndex";

/**
 * After a widget turn the agent answered "nothing found" or escalated: the customer's question, embedded
 * with the knowledge base's model, joins its content-gap group. Node only (the offline model). A failure
 * here is logged and never reaches the customer, whose reply is already saved.
 */
export async function recordContentGap(
  ctx: ActionCtx,
  args: { organizationId: Id<"organizations">; promptMessageId: string; escalated: boolean },
): Promise<void> {
  try {
    const [prompt] = await ctx.runQuery(components.agent.messages.getMessagesByIds, {
      messageIds: [args.promptMessageId],
    });
    const question = prompt?.text?.trim() ?? "";
    if (question === "") return;
    const { entry } = knowledgeIndex();
    const { embedding } = await embed({ model: entry.model, value: question });
    await ctx.runMutation(internal.system.contentGapRecords.record, {
      organizationId: args.organizationId,
      question: question.slice(0, 500),
      escalated: args.escalated,
      embedding,
      modelId: entry.id,
    });
  } catch (error) {
    console.error("Recording a content gap failed", error);
  }
}
