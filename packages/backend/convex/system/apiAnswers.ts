"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { vViewer } from "../access/viewer";
import { gatherAnswerSources } from "../agent/answerSources";
import { runSupportTurn } from "../agent/turn";
import { vAnswerSource, vSourceTiming } from "../conversations/tables";
import { vLookupResult } from "../conversations/validators";
import { runNamedLookupForAgent, vAgentRows } from "../lookup/agentStatements";

/*
 * The HTTP API's Node work (the connectors' drivers): the lookup a `lookup` tool call makes, a named
 * lookup by name, and one agent turn. Arguments are ids, the question and the viewer: never a secret.
 * In the audit log the database reads are the key's (`api <prefix>`).
 */

const actorOf = (prefix: string) => ({ kind: "system" as const, name: `api ${prefix}` });

export const lookup = internalAction({
  args: { organizationId: v.id("organizations"), question: v.string(), viewer: vViewer, prefix: v.string() },
  returns: v.object({ result: vLookupResult, database: vSourceTiming, knowledgeBase: vSourceTiming }),
  handler: async (ctx, { organizationId, question, viewer, prefix }) => {
    const { result, database, knowledgeBase } = await gatherAnswerSources(ctx, {
      organizationId,
      question,
      viewer,
      actor: actorOf(prefix),
    });
    return { result, database, knowledgeBase };
  },
});

export const namedLookup = internalAction({
  args: {
    organizationId: v.id("organizations"),
    name: v.string(),
    args: v.record(v.string(), v.any()),
    cursor: v.union(v.string(), v.null()),
    viewer: vViewer,
    prefix: v.string(),
  },
  returns: vAgentRows,
  handler: async (ctx, { organizationId, name, args, cursor, viewer, prefix }) =>
    await runNamedLookupForAgent(ctx, { organizationId, name, args, cursor, viewer, actor: actorOf(prefix) }),
});

export const answer = internalAction({
  args: {
    organizationId: v.id("organizations"),
    organizationName: v.string(),
    conversationId: v.id("conversations"),
    threadId: v.string(),
    contactSessionId: v.id("contactSessions"),
    viewer: vViewer,
    promptMessageId: v.string(),
    receivedAt: v.number(),
  },
  returns: v.object({
    text: v.string(),
    source: v.union(v.literal("database"), v.literal("knowledge_base"), v.literal("none")),
    outcome: v.string(),
    sources: v.array(vAnswerSource),
    totalMs: v.number(),
  }),
  handler: async (ctx, request) => {
    const result = await runSupportTurn(ctx, {
      organizationId: request.organizationId,
      organizationName: request.organizationName,
      viewer: request.viewer,
      actor: { kind: "contact", contactId: request.contactSessionId },
      conversationId: request.conversationId,
      threadId: request.threadId,
      userId: request.contactSessionId,
      promptMessageId: request.promptMessageId,
      // The answer records, the overview and the webhooks' payloads say it came through the API.
      channel: "api",
      receivedAt: request.receivedAt,
    });
    return {
      text: result.text,
      source: result.lookup?.source ?? "none",
      outcome: result.outcome,
      sources: result.sources,
      totalMs: result.totalMs,
    };
  },
});
