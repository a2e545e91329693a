"use node";

import { languageModelFromEnv, type LookupResult } from "@answerbase/models/language";
import { Agent, saveMessage, stepCountIs } from "@convex-dev/agent";
import type { Infer } from "convex/values";
import { components, internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import type { AnswerChannel, vAnswerOutcome, vAnswerSource } from "../conversations/tables";
import type { SourceTiming } from "./answerSources";
import { recordContentGap } from "../contentGaps/recordGap";
import { isAppError } from "../lib/errors";
import { actionTools, loadToolActions } from "./actionTools";
import { databaseTools } from "./databaseTools";
import { loadLookupContext } from "../lookup/context";
import { sharedTopics, supportInstructions } from "./instructions";
import { newTrace, supportTools, type TurnContext, type TurnTrace } from "./tools";

/*
 * One turn of the support agent: the model (offline by default) reads the thread up to the customer's
 * message, calls its tools, and its reply is streamed into the thread. Whatever happens, the customer
 * gets a reply and the turn leaves an answer record (sources, timings, outcome) — a failure is saved
 * as a plain apology, its cause logged, never shown.
 */

export const AGENT_NAME = "Answerbase";
const MAX_STEPS = 6;
export const FAILED_REPLY =
  "Sorry, I couldn't answer that just now. Please try again in a moment, or ask to talk to a person.";

type AnswerOutcome = Infer<typeof vAnswerOutcome>;
type AnswerSource = Infer<typeof vAnswerSource>;

export interface TurnRequest extends TurnContext {
  organizationName: string;
  threadId: string;
  userId: string;
  promptMessageId: string;
  channel: AnswerChannel;
  /** When the customer's message arrived (the reply's latency is measured from here). */
  receivedAt: number;
}

export interface TurnResult {
  text: string;
  outcome: AnswerOutcome;
  sources: AnswerSource[];
  lookup: LookupResult | null;
  database: SourceTiming | null;
  knowledgeBase: SourceTiming | null;
  totalMs: number;
  modelId: string;
}

function outcomeOf(trace: TurnTrace): AnswerOutcome {
  if (trace.status !== null) return trace.status;
  if (trace.sql.some((run) => run.rowCount > 0)) return "database";
  return trace.lookups.at(-1)?.result.source ?? "none";
}

function sourcesOf(trace: TurnTrace): AnswerSource[] {
  const last = trace.lookups.at(-1);
  const cited: AnswerSource[] = (last?.cited ?? []).map((source) =>
    source.kind === "row"
      ? { kind: "rows", table: source.table, count: source.count }
      : { kind: "document", title: source.title },
  );
  return [...cited, ...trace.sql.map((run) => ({ kind: "sql" as const, ...run }))];
}

export async function runSupportTurn(ctx: ActionCtx, request: TurnRequest): Promise<TurnResult> {
  const llm = languageModelFromEnv();
  const trace = newTrace();
  // One read of the data source, policies and named lookups serves every tool call of the turn.
  const [lookupContext, toolActions] = await Promise.all([
    loadLookupContext(ctx, request.organizationId),
    loadToolActions(ctx, request.organizationId),
  ]);
  const agent = new Agent(components.agent, {
    name: AGENT_NAME,
    languageModel: llm.model,
    instructions: supportInstructions({
      organizationName: request.organizationName,
      canWriteSql: !llm.offline,
      topics: sharedTopics(lookupContext.policies),
      hasActions: toolActions.length > 0,
    }),
    stopWhen: stepCountIs(MAX_STEPS),
  });
  const { threadId, userId, promptMessageId } = request;
  const tools = supportTools(ctx, request, trace, lookupContext);
  if (!llm.offline) Object.assign(tools, databaseTools(ctx, request, trace, lookupContext));
  Object.assign(tools, actionTools(ctx, request, trace, toolActions));
  let text = "";
  let failure: unknown = null;
  try {
    const result = await agent.streamText(
      ctx,
      { threadId, userId },
      { promptMessageId, tools },
      { saveStreamDeltas: true },
    );
    await result.consumeStream({ onError: (error) => void (failure ??= error) });
    if (failure === null) text = (await result.text).trim();
  } catch (error) {
    failure = error;
  }
  let errorCode: string | undefined;
  if (failure !== null || text === "") {
    errorCode = failure === null ? "empty_reply" : isAppError(failure) ? failure.data.code : "internal";
    console.error(`Agent turn failed in thread ${threadId} (${errorCode}):`, failure ?? "empty reply");
    text = FAILED_REPLY;
    await saveMessage(ctx, components.agent, {
      threadId,
      userId,
      promptMessageId,
      agentName: AGENT_NAME,
      message: { role: "assistant", content: FAILED_REPLY },
    });
  }
  const last = trace.lookups.at(-1);
  const result: TurnResult = {
    text,
    outcome: errorCode === undefined ? outcomeOf(trace) : "failed",
    sources: sourcesOf(trace),
    lookup: last?.result ?? null,
    database: last?.database ?? null,
    knowledgeBase: last?.knowledgeBase ?? null,
    totalMs: Math.round(Date.now() - request.receivedAt),
    modelId: llm.id,
  };
  await ctx.runMutation(internal.system.conversationRecords.recordAnswer, {
    record: {
      organizationId: request.organizationId,
      ...(request.conversationId === undefined ? {} : { conversationId: request.conversationId }),
      threadId,
      promptMessageId,
      channel: request.channel,
      outcome: result.outcome,
      sources: result.sources,
      ...(result.database === null ? {} : { database: result.database }),
      ...(result.knowledgeBase === null ? {} : { knowledgeBase: result.knowledgeBase }),
      totalMs: result.totalMs,
      modelId: result.modelId,
      ...(errorCode === undefined ? {} : { errorCode }),
    },
    replyText: text,
  });
  // Customers' questions the agent looked up and found nothing for, answered so or escalated (the
  // Playground's are staff trying things out; "I want a person" looks nothing up and is no content gap).
  const foundNothing = last?.result.source === "none";
  if (
    request.channel !== "playground" &&
    (result.outcome === "none" || (result.outcome === "escalated" && foundNothing))
  )
    await recordContentGap(ctx, {
      organizationId: request.organizationId,
      promptMessageId,
      escalated: result.outcome === "escalated",
    });
  return result;
}
