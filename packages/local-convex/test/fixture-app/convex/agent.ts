import { Agent, listMessages } from "@convex-dev/agent";
import { tool } from "ai";
import { v } from "convex/values";
import { z } from "zod";
import { components } from "./_generated/api";
import { action, mutation, query } from "./_generated/server";
import { toolCallingModel } from "./lib/models";

const lookupOrder = tool({
  description: "Look up an order by its number",
  inputSchema: z.object({ orderNumber: z.string() }),
  execute: ({ orderNumber }) => Promise.resolve({ orderNumber, status: "shipped" }),
});

const supportAgent = new Agent(components.agent, {
  name: "support",
  languageModel: toolCallingModel(),
  tools: { lookupOrder },
  maxSteps: 3,
});

export const ask = action({
  args: { prompt: v.string() },
  returns: v.object({ threadId: v.string(), text: v.string(), toolCalls: v.array(v.string()) }),
  handler: async (ctx, { prompt }) => {
    const { threadId, thread } = await supportAgent.createThread(ctx, {});
    const result = await thread.generateText({ prompt });
    const toolCalls = result.steps.flatMap((step) => step.toolCalls.map((call) => call.toolName));
    return { threadId, text: result.text, toolCalls };
  },
});

export const startThread = mutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => (await supportAgent.createThread(ctx, {})).threadId,
});

export const reply = action({
  args: { threadId: v.string(), prompt: v.string() },
  returns: v.string(),
  handler: async (ctx, { threadId, prompt }) => {
    const { thread } = await supportAgent.continueThread(ctx, { threadId });
    return (await thread.generateText({ prompt })).text;
  },
});

/** A thread's messages, oldest first: a query over the agent component's tables. */
export const messages = query({
  args: { threadId: v.string() },
  returns: v.array(v.object({ role: v.string(), text: v.string() })),
  handler: async (ctx, { threadId }) => {
    const { page } = await listMessages(ctx, components.agent, {
      threadId,
      paginationOpts: { numItems: 50, cursor: null },
    });
    return page.reverse().map((m) => ({ role: m.message?.role ?? "", text: m.text ?? "" }));
  },
});
