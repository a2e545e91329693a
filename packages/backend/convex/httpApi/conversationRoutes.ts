import { internal } from "../_generated/api";
import { json, route, type ApiCall, type ApiReply, type ApiRoute } from "./route";
import {
  conversationSchema,
  conversationsQuerySchema,
  conversationsResponseSchema,
  escalateBodySchema,
  messagesQuerySchema,
  messagesResponseSchema,
  postMessageBodySchema,
  postMessageResponseSchema,
  resolveBodySchema,
} from "./schemas";

/* The inbox over HTTP: the key's organization's conversations, read and written (channel bridges). */

/** What every conversation function takes: the key's organization (never the request's) and `{id}`. */
const target = ({ caller, params }: Pick<ApiCall<unknown, unknown>, "caller" | "params">) => ({
  organizationId: caller.organizationId,
  conversationId: params.id ?? "",
});

/** Each route answers 200 with what its internal function returned. */
const answer = async (result: Promise<unknown>): Promise<ApiReply> => json(await result);

export const conversationRoutes: ApiRoute<never, never>[] = [
  route({
    method: "GET",
    path: "/v1/conversations",
    operationId: "listConversations",
    summary: "Conversations, newest activity first",
    scope: "conversations:read",
    query: conversationsQuerySchema,
    response: conversationsResponseSchema,
    handle: ({ ctx, caller, query }) =>
      answer(
        ctx.runQuery(internal.system.apiConversations.list, {
          organizationId: caller.organizationId,
          ...(query.status === undefined ? {} : { status: query.status }),
          cursor: query.cursor ?? null,
          limit: query.limit,
        }),
      ),
  }),
  route({
    method: "GET",
    path: "/v1/conversations/{id}",
    operationId: "getConversation",
    summary: "One conversation",
    scope: "conversations:read",
    response: conversationSchema,
    handle: ({ ctx, ...call }) => answer(ctx.runQuery(internal.system.apiConversations.get, target(call))),
  }),
  route({
    method: "GET",
    path: "/v1/conversations/{id}/messages",
    operationId: "listMessages",
    summary: "A conversation's messages (without the agent's tool calls)",
    scope: "conversations:read",
    query: messagesQuerySchema,
    response: messagesResponseSchema,
    handle: ({ ctx, query, ...call }) =>
      answer(
        ctx.runQuery(internal.system.apiConversations.messages, {
          ...target(call),
          cursor: query.cursor ?? null,
          limit: query.limit,
        }),
      ),
  }),
  route({
    method: "POST",
    path: "/v1/conversations/{id}/messages",
    operationId: "postMessage",
    summary: "Post a message as the customer (the agent answers), as an operator, or a team note",
    description:
      "As the customer: the agent answers in the background, as in the widget (read the reply with GET …/messages). As an operator: a person's reply, which takes the conversation over. As a note: an internal note the team sees in the inbox, never the customer. Operator replies and notes are attributed to the admin who created the key.",
    scope: "conversations:write",
    body: postMessageBodySchema,
    response: postMessageResponseSchema,
    handle: ({ ctx, body, ...call }) =>
      answer(
        ctx.runMutation(internal.system.apiConversations.postMessage, {
          ...target(call),
          text: body.text,
          as: body.as === "customer" ? "customer" : { kind: body.as, userId: call.caller.createdBy },
        }),
      ),
  }),
  route({
    method: "POST",
    path: "/v1/conversations/{id}/escalate",
    operationId: "escalateConversation",
    summary: "Hand the conversation to a person (the agent stays silent)",
    scope: "conversations:write",
    body: escalateBodySchema,
    response: conversationSchema,
    handle: ({ ctx, body, ...call }) =>
      answer(
        ctx.runMutation(internal.system.apiConversations.setStatus, {
          ...target(call),
          status: "escalated",
          userId: call.caller.createdBy,
          ...(body.reason === undefined ? {} : { reason: body.reason }),
        }),
      ),
  }),
  route({
    method: "POST",
    path: "/v1/conversations/{id}/resolve",
    operationId: "resolveConversation",
    summary: "Mark the conversation resolved",
    scope: "conversations:write",
    body: resolveBodySchema,
    response: conversationSchema,
    handle: ({ ctx, ...call }) =>
      answer(
        ctx.runMutation(internal.system.apiConversations.setStatus, {
          ...target(call),
          status: "resolved",
          userId: call.caller.createdBy,
        }),
      ),
  }),
];
