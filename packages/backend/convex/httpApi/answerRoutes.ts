import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { Viewer } from "../access/viewer";
import type { vAnswerSource } from "../conversations/tables";
import { json, route, type ApiReply, type ApiRoute } from "./route";
import { answersBodySchema, answersResponseSchema } from "./schemas";

/*
 * `POST /v1/answers`: a customer's question to the same agent, rules and records as the widget. The
 * question is saved into the customer's conversation (new or theirs), the turn runs, and the reply
 * comes back with what it was built from. `stream: true` sends the reply as it is written (SSE
 * `delta` events, polled from the agent's saved stream deltas), then one `answer` event with the body
 * the JSON form would have had.
 */

const POLL_MS = 100;
const encoder = new TextEncoder();

/** `system/apiConversations:startTurn`'s answer, with the key's organization. */
interface Started {
  organizationId: Id<"organizations">;
  conversationId: Id<"conversations">;
  threadId: string;
  contactSessionId: Id<"contactSessions">;
  organizationName: string;
  viewer: Viewer;
  promptMessageId: string;
  promptOrder: number;
  agentWillReply: boolean;
}

interface AnswerBody {
  conversationId: string;
  reply: string | null;
  source: "database" | "knowledge_base" | "none";
  outcome: string;
  citations: { kind: "rows" | "document"; title: string; count?: number }[];
  timings: { totalMs: number };
}

function citationsOf(sources: Infer<typeof vAnswerSource>[]) {
  return sources.map((source) =>
    source.kind === "document"
      ? { kind: "document" as const, title: source.title }
      : {
          kind: "rows" as const,
          title: source.table,
          count: source.kind === "rows" ? source.count : source.rowCount,
        },
  );
}

async function answerBody(ctx: ActionCtx, started: Started, receivedAt: number): Promise<AnswerBody> {
  if (!started.agentWillReply) {
    return {
      conversationId: started.conversationId,
      reply: null,
      source: "none" as const,
      outcome: "waiting_for_operator" as const,
      citations: [],
      timings: { totalMs: Date.now() - receivedAt },
    };
  }
  const {
    contactSessionId,
    conversationId,
    organizationId,
    organizationName,
    promptMessageId,
    threadId,
    viewer,
  } = started;
  const answer = await ctx.runAction(internal.system.apiAnswers.answer, {
    organizationId,
    organizationName,
    conversationId,
    threadId,
    contactSessionId,
    viewer,
    promptMessageId,
    receivedAt,
  });
  return {
    conversationId,
    reply: answer.text,
    source: answer.source,
    outcome: answer.outcome,
    citations: citationsOf(answer.sources),
    timings: { totalMs: answer.totalMs },
  };
}

function event(name: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

function streamed(ctx: ActionCtx, started: Started, receivedAt: number): ApiReply {
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(event("conversation", { conversationId: started.conversationId }));
      let sent = "";
      const flush = async () => {
        const text = await ctx.runQuery(internal.system.apiConversations.streamedText, {
          threadId: started.threadId,
          promptOrder: started.promptOrder,
        });
        if (text.startsWith(sent) && text.length > sent.length) {
          controller.enqueue(event("delta", { text: text.slice(sent.length) }));
          sent = text;
        }
      };
      let done = false;
      const body = answerBody(ctx, started, receivedAt).finally(() => (done = true));
      try {
        while (!done) {
          await Promise.race([body, new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
          if (!done) await flush();
        }
        const answer = await body;
        // Whatever the deltas did not carry (a failed turn's apology, a reply not streamed) comes last.
        if (answer.reply !== null && answer.reply.startsWith(sent) && answer.reply.length > sent.length) {
          controller.enqueue(event("delta", { text: answer.reply.slice(sent.length) }));
        }
        controller.enqueue(event("answer", answer));
      } catch (error) {
        console.error("Streamed API answer failed:", error);
        controller.enqueue(event("error", { code: "internal", detail: "The answer failed; ask again." }));
      }
      controller.close();
    },
  });
  return { kind: "events", stream };
}

export const answerRoutes: ApiRoute<never, never>[] = [
  route({
    method: "POST",
    path: "/v1/answers",
    operationId: "answer",
    summary: "Ask the support agent as a customer",
    description:
      "The widget's agent and rules: the conversation shows in the inbox. `stream: true` answers as server-sent events: `conversation`, `delta` (text so far, in pieces), then `answer` (the JSON body).",
    scope: "answers",
    body: answersBodySchema,
    response: answersResponseSchema,
    streams: true,
    async handle({ ctx, caller, body, receivedAt }): Promise<ApiReply> {
      const turn: Omit<Started, "organizationId"> = await ctx.runMutation(
        internal.system.apiConversations.startTurn,
        {
          organizationId: caller.organizationId,
          mayAssert: caller.scopes.includes("customers:assert"),
          question: body.question,
          ...(body.customer === undefined ? {} : { customer: body.customer }),
          ...(body.conversationId === undefined ? {} : { conversationId: body.conversationId }),
        },
      );
      const started = { ...turn, organizationId: caller.organizationId };
      if (body.stream && started.agentWillReply) return streamed(ctx, started, receivedAt);
      return json(await answerBody(ctx, started, receivedAt));
    },
  }),
];
