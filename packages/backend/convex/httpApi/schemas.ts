import { lookupResultSchema } from "@answerbase/models/language";
import { z } from "zod";
import { CONTACT_NAME_MAX } from "../shared/contacts";
import { MAX_MESSAGE_CHARS } from "../shared/messages";

/*
 * The /v1 request and response shapes. The route table (routes.ts) validates requests with them and
 * the OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.
 */

const MAX_QUESTION_CHARS = 2_000;

export const customerSchema = z
  .strictObject({
    email: z.email().max(254).describe("The customer's e-mail (the owner key of their records)."),
    name: z.string().trim().min(1).max(CONTACT_NAME_MAX).optional().describe("Shown in the inbox."),
    signature: z
      .string()
      .max(200)
      .optional()
      .describe("hex(HMAC-SHA256(widget secret, lowercase e-mail)), as the widget takes it."),
    identityToken: z
      .string()
      .max(4_000)
      .optional()
      .describe("Or a JWT (HS256, widget secret) with `email` and an `exp` at most an hour ahead."),
  })
  .refine((c) => c.signature === undefined || c.identityToken === undefined, {
    message: "give either a signature or an identity token, not both",
    path: ["identityToken"],
  })
  .describe(
    "Who asks. Verified when the key has `customers:assert` or a signature/token proves the e-mail; otherwise anonymous (public data only).",
  );

export const lookupsBodySchema = z
  .strictObject({
    question: z
      .string()
      .trim()
      .min(1)
      .max(MAX_QUESTION_CHARS)
      .optional()
      .describe("What the lookup tool is asked."),
    lookup: z.string().min(1).max(60).optional().describe("A named lookup's name, instead of a question."),
    args: z.record(z.string(), z.unknown()).optional().describe("The named lookup's parameters."),
    cursor: z.string().max(2_000).optional().describe("A named lookup's next page (`nextCursor`)."),
    customer: customerSchema.optional(),
  })
  .superRefine((body, issues) => {
    if ((body.question === undefined) === (body.lookup === undefined)) {
      issues.addIssue({ code: "custom", path: ["question"], message: "give either `question` or `lookup`" });
    }
    if (body.lookup === undefined && (body.args !== undefined || body.cursor !== undefined)) {
      issues.addIssue({ code: "custom", path: ["args"], message: "`args` and `cursor` go with `lookup`" });
    }
  });

const timingSchema = z.object({
  ms: z.number(),
  outcome: z.enum(["ok", "empty", "failed", "timeout"]),
  code: z.string().optional(),
});

export const lookupsResponseSchema = z.object({
  result: lookupResultSchema,
  timings: z.object({
    totalMs: z.number(),
    database: timingSchema.nullable(),
    knowledgeBase: timingSchema.nullable(),
  }),
  nextCursor: z.string().nullable().describe("A named lookup with more rows: pass it as `cursor`."),
});

export const toolsQuerySchema = z.strictObject({
  format: z.enum(["openai", "anthropic", "bedrock"]).default("openai"),
});

export const toolsResponseSchema = z.object({
  format: z.enum(["openai", "anthropic", "bedrock"]),
  tools: z.array(z.record(z.string(), z.unknown())).describe("Ready for the provider's tool list."),
  call: z.string().describe("How to run a tool call: the endpoint and body to send."),
});

export const answersBodySchema = z.strictObject({
  question: z.string().max(MAX_MESSAGE_CHARS).describe("The customer's message."),
  conversationId: z.string().max(64).optional().describe("Continue this customer's conversation."),
  customer: customerSchema.optional(),
  stream: z.boolean().default(false).describe("Answer as server-sent events (`text/event-stream`)."),
});

const citationSchema = z.object({
  kind: z.enum(["rows", "document"]),
  title: z.string().describe("The table (rows) or the article (document)."),
  count: z.number().int().optional().describe("rows only: how many rows answered."),
});

const statusSchema = z.enum(["unresolved", "escalated", "resolved"]);

export const answersResponseSchema = z.object({
  conversationId: z.string(),
  reply: z.string().nullable().describe("Null while a person owns the conversation: they will answer."),
  source: z.enum(["database", "knowledge_base", "none"]),
  outcome: z.enum([
    "database",
    "knowledge_base",
    "none",
    "escalated",
    "resolved",
    "failed",
    "waiting_for_operator",
  ]),
  citations: z.array(citationSchema),
  timings: z.object({ totalMs: z.number() }),
});

export const conversationSchema = z.object({
  id: z.string(),
  status: statusSchema,
  preview: z.string(),
  createdAt: z.number().describe("Milliseconds since the epoch."),
  lastMessageAt: z.number(),
  customer: z.object({ name: z.string(), email: z.string(), verified: z.boolean() }),
});

const pageQuery = {
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export const conversationsQuerySchema = z.strictObject({ status: statusSchema.optional(), ...pageQuery });

export const conversationsResponseSchema = z.object({
  data: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export const messagesQuerySchema = z.strictObject(pageQuery);

export const messageSchema = z.object({
  id: z.string(),
  from: z.enum(["customer", "agent", "operator"]),
  text: z.string(),
  createdAt: z.number(),
});

export const messagesResponseSchema = z.object({
  data: z.array(messageSchema).describe("Oldest first within the page; pages go back in time."),
  nextCursor: z.string().nullable(),
});

export const postMessageBodySchema = z.strictObject({
  text: z.string().max(MAX_MESSAGE_CHARS),
  as: z
    .enum(["customer", "operator", "note"])
    .default("customer")
    .describe(
      "`customer`: the agent answers (unless a person owns the conversation). `operator`: a person's reply. `note`: an internal note for the team (never shown to the customer or the agent); `messageId` is then the note's id.",
    ),
});

export const postMessageResponseSchema = z.object({
  messageId: z.string(),
  agentWillReply: z.boolean(),
});

export const escalateBodySchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});

export const resolveBodySchema = z.strictObject({});

export const emptyQuerySchema = z.strictObject({});
