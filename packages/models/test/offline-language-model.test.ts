import { generateText, stepCountIs, streamText, type ModelMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineLanguageModel, type LookupResult } from "../src/index.ts";
import { forbidNetwork } from "./support/forbid-network.ts";
import {
  NOTHING,
  ONE_ORDER,
  RETURNS_PASSAGE,
  supportTools,
  TWELVE_ORDERS,
} from "./support/support-fixtures.ts";

let network: ReturnType<typeof forbidNetwork>;
beforeAll(() => {
  network = forbidNetwork();
});
afterAll(() => {
  network.restore();
  expect(network.attempts).toEqual([]);
});

/** What @convex-dev/agent does with a customer's message: up to three steps with the support tools. */
async function ask(prompt: string | ModelMessage[], result: LookupResult | (() => never) = NOTHING) {
  const { tools, calls } = supportTools(result);
  const run = await generateText({
    model: offlineLanguageModel(),
    tools,
    stopWhen: stepCountIs(3),
    ...(typeof prompt === "string" ? { prompt } : { messages: prompt }),
  });
  return Object.assign(run, { calls }); // the result's fields are getters: spreading would drop them
}

describe("offline language model: answers from the lookup tool", () => {
  it("asks the lookup tool first, then answers with the row's values", async () => {
    const run = await ask("Where is my order 1001?", ONE_ORDER);
    expect(run.calls).toEqual([{ toolName: "lookup", input: { question: "Where is my order 1001?" } }]);
    expect(run.steps).toHaveLength(2);
    expect(run.steps[0]!.finishReason).toBe("tool-calls");
    expect(run.steps[0]!.text).toBe("");
    expect(run.finishReason).toBe("stop");
    expect(run.text).toBe(
      "Here is what I found in orders:\n\n- order number: 1001\n- status: shipped\n" +
        "- tracking number: 1Z999AA10123456784\n- carrier: UPS\n- gift wrap: no",
    );
    expect(run.text).not.toMatch(/delivered/); // a null is left out, not shown as "null"
  });

  it("shows several rows as a markdown table of at most 10 rows, and says how many more", async () => {
    const { text } = await ask("Show my orders", TWELVE_ORDERS);
    const lines = text.split("\n");
    expect(lines[0]).toBe("I found 12 results in orders. The first 10:");
    expect(lines).toContain("| order number | status | total amount |"); // coupon code: empty everywhere
    expect(lines).toContain("| 2001 | processing | 19.90 |");
    expect(lines).toContain("| 2010 | delivered | 28.90 |");
    expect(text).not.toContain("2011");
    expect(lines.filter((line) => /^\| \d/.test(line))).toHaveLength(10);
    expect(lines.at(-1)).toBe("2 more not shown.");
  });

  it("says when the database had more rows than it returned", async () => {
    const { text } = await ask("orders", {
      source: "database",
      rows: [{ table: "orders", columns: ["order_number"], rows: [["1"], ["2"]], truncated: true }],
    });
    expect(text).toMatch(/^I found more than 2 results in orders\. The first 2:/);
    expect(text).toMatch(/There are more; ask about a specific one/);
  });

  it("quotes the best knowledge-base passage with its title, and no off-topic runner-up", async () => {
    const { text, calls } = await ask("How do returns work?", RETURNS_PASSAGE);
    expect(calls.map((c) => c.toolName)).toEqual(["lookup"]);
    expect(text).toBe(
      'From "Returns and refunds":\n> You can return any item within 30 days of delivery. ' +
        "Refunds go to the original payment method within 5 business days.",
    );
  });

  it("quotes a second passage when it is on topic", async () => {
    const { text } = await ask("Do you ship gift cards abroad?", RETURNS_PASSAGE);
    expect(text).toContain('From "Returns and refunds":');
    expect(text).toContain('From "Shipping abroad":\n> We ship to 14 countries in Europe.');
    expect(text).not.toContain("Gift cards never expire"); // two passages at most
  });

  it("says plainly that nothing was found, offers a person, and appends the note", async () => {
    const { text } = await ask("What is the meaning of life?", NOTHING);
    expect(text).toBe(
      "I couldn't find anything about that in our records or help articles. If you'd like to talk to a " +
        "person, just say so and I'll hand you over to our team.\n\nSign in to see your orders.",
    );
  });

  it("treats a database result without rows as nothing found", async () => {
    const { text } = await ask("order 9999", {
      source: "database",
      rows: [{ table: "orders", columns: ["order_number"], rows: [], truncated: false }],
    });
    expect(text).toMatch(/^I couldn't find anything about that/);
  });

  it("never states a number that is not in the tool result", async () => {
    for (const [question, result] of [
      ["Where is my order 1001?", ONE_ORDER],
      ["How do returns work?", RETURNS_PASSAGE],
      ["tell me about order 42", NOTHING],
    ] as const) {
      const { text } = await ask(question, result);
      const source = JSON.stringify(result);
      for (const number of text.match(/\d+/g) ?? []) expect(source).toContain(number);
    }
  });

  it("does not guess when the lookup fails or returns something else", async () => {
    const failing = await ask("Where is my order 1001?", () => {
      throw new Error("database timed out");
    });
    expect(failing.text).toMatch(/^I couldn't look that up just now/);
    expect(failing.text).not.toContain("1001");

    const { tools } = supportTools(NOTHING);
    const malformed = await generateText({
      model: offlineLanguageModel(),
      tools: {
        ...tools,
        lookup: { ...tools.lookup, execute: () => Promise.resolve({ rows: "1001 shipped" }) },
      },
      stopWhen: stepCountIs(3),
      prompt: "Where is my order 1001?",
    });
    expect(malformed.text).toMatch(/^I couldn't look that up just now/);
  });
});

describe("offline language model: escalate and resolve", () => {
  it.each([
    "I want to talk to a human",
    "Can I speak to a real person please",
    "agent",
    "Get me a representative!",
    "Ich möchte mit einem Menschen sprechen",
    "Quiero hablar con un agente",
    "Je veux parler à un conseiller",
  ])("%s → escalate, not lookup", async (message) => {
    const run = await ask(message);
    expect(run.calls).toEqual([
      { toolName: "escalate", input: { reason: `The customer asked to talk to a person: "${message}"` } },
    ]);
    expect(run.text).toBe("I've handed this conversation to our support team; a person will reply here.");
  });

  it.each([
    "that solved it, thanks",
    "Problem solved!",
    "thanks, bye",
    "Thank you, that's all",
    "Danke, das hat geholfen",
  ])("%s → resolve", async (message) => {
    const run = await ask(message);
    expect(run.calls).toEqual([{ toolName: "resolve", input: {} }]);
    expect(run.text).toBe("Glad I could help! I've marked this conversation as resolved.");
  });

  it.each(["that didn't solve it", "thanks, but where is my refund?", "Is my problem solved?"])(
    "%s → lookup, not resolve",
    async (message) => {
      const run = await ask(message);
      expect(run.calls.map((c) => c.toolName)).toEqual(["lookup"]);
    },
  );

  it("does not claim a handover that failed", async () => {
    const { tools } = supportTools(NOTHING);
    const run = await generateText({
      model: offlineLanguageModel(),
      tools: { ...tools, escalate: { ...tools.escalate, execute: () => Promise.reject(new Error("down")) } },
      stopWhen: stepCountIs(3),
      prompt: "I want to talk to a human",
    });
    expect(run.text).toBe("I couldn't reach our support team just now. Please try again in a moment.");
  });

  it("never calls a tool the call does not offer", async () => {
    const { tools, calls } = supportTools(NOTHING);
    const run = await generateText({
      model: offlineLanguageModel(),
      tools: { lookup: tools.lookup },
      stopWhen: stepCountIs(3),
      prompt: "I want to talk to a human",
    });
    expect(calls).toEqual([]);
    expect(run.toolCalls).toEqual([]);
    expect(run.text).toMatch(/^I can't hand this conversation to a person from here/);
  });
});

describe("offline language model: other input", () => {
  it("without tools, says it cannot look things up", async () => {
    const run = await generateText({ model: offlineLanguageModel(), prompt: "Where is my order 1001?" });
    expect(run.toolCalls).toEqual([]);
    expect(run.text).toMatch(/^I can't look things up right now/);
    expect(run.text).not.toContain("1001");
  });

  it("looks up a non-English question as written and answers from the rows", async () => {
    const run = await ask("¿Dónde está mi pedido 1001?", ONE_ORDER);
    expect(run.calls).toEqual([{ toolName: "lookup", input: { question: "¿Dónde está mi pedido 1001?" } }]);
    expect(run.text).toContain("- order number: 1001\n- status: shipped");
  });

  it.each(["", "   ", "?!"])("an empty message (%j) gets a question back, no tool call", async (message) => {
    const run = await ask([{ role: "user", content: message }]);
    expect(run.calls).toEqual([]);
    expect(run.text).toBe("What can I help you with? Tell me your question and I'll look it up.");
  });

  it("answers a new question with a new lookup, not with the previous turn's result", async () => {
    const first = await ask("Where is my order 1001?", ONE_ORDER);
    const history: ModelMessage[] = [
      { role: "user", content: "Where is my order 1001?" },
      ...first.response.messages,
      { role: "user", content: "And how do returns work?" },
    ];
    const second = await ask(history, RETURNS_PASSAGE);
    expect(second.calls).toEqual([{ toolName: "lookup", input: { question: "And how do returns work?" } }]);
    expect(second.text).toMatch(/^From "Returns and refunds":/);
  });

  it("reads a result stored as JSON text (as @convex-dev/agent may replay it)", async () => {
    const run = await generateText({
      model: offlineLanguageModel(),
      tools: supportTools(NOTHING).tools,
      messages: [
        { role: "user", content: "Where is my order 1001?" },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "c1", toolName: "lookup", input: { question: "x" } }],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "c1",
              toolName: "lookup",
              output: { type: "text", value: JSON.stringify(ONE_ORDER) },
            },
          ],
        },
      ],
    });
    expect(run.text).toMatch(/^Here is what I found in orders:\n\n- order number: 1001/);
  });
});

describe("offline language model: determinism and streaming", () => {
  it("gives the same output, ids and usage for the same prompt", async () => {
    const a = await ask("Where is my order 1001?", ONE_ORDER);
    const b = await ask("Where is my order 1001?", ONE_ORDER);
    expect(b.text).toBe(a.text);
    expect(b.steps.map((s) => s.toolCalls)).toEqual(a.steps.map((s) => s.toolCalls));
    expect(b.usage).toEqual(a.usage);
    expect(b.response.id).toBe(a.response.id);
    const other = await ask("Where is my order 1002?", ONE_ORDER);
    expect(other.steps[0]!.toolCalls[0]!.toolCallId).not.toBe(a.steps[0]!.toolCalls[0]!.toolCallId);
  });

  it("counts words as usage and sets no provider metadata", async () => {
    const run = await ask("Where is my order 1001?", ONE_ORDER);
    const call = run.steps[0]!;
    expect(call.usage.inputTokens).toBe(5); // where is my order 1001
    expect(call.usage.outputTokens).toBe(6); // {"question":"Where is my order 1001?"}
    expect(run.steps[1]!.usage.outputTokens).toBe(run.text.match(/[\p{L}\p{N}]+/gu)!.length);
    expect(run.providerMetadata).toBeUndefined();
  });

  it("streams the same text as generate, in several deltas", async () => {
    for (const [question, result] of [
      ["Where is my order 1001?", ONE_ORDER],
      ["Show my orders", TWELVE_ORDERS],
      ["How do returns work?", RETURNS_PASSAGE],
      ["I want to talk to a human", NOTHING],
    ] as const) {
      const generated = await ask(question, result);
      const { tools, calls } = supportTools(result);
      const streamed = streamText({
        model: offlineLanguageModel(),
        tools,
        stopWhen: stepCountIs(3),
        prompt: question,
      });
      const deltas: string[] = [];
      for await (const part of streamed.fullStream) if (part.type === "text-delta") deltas.push(part.text);
      expect(await streamed.text).toBe(generated.text);
      expect(deltas.join("")).toBe(generated.text);
      expect(deltas.length).toBeGreaterThan(1);
      expect(calls).toEqual(generated.calls);
    }
  });

  it("emits stream parts in the order the spec requires", async () => {
    const model = offlineLanguageModel();
    const { stream } = await model.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "Where is my order 1001?" }] }],
      tools: [{ type: "function", name: "lookup", inputSchema: { type: "object" } }],
    });
    const parts = [];
    for await (const part of stream) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual([
      "stream-start",
      "response-metadata",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-end",
      "tool-call",
      "finish",
    ]);
    expect(parts[5]).toMatchObject({
      toolName: "lookup",
      toolCallId: expect.stringMatching(/^call_[0-9a-f]{16}$/),
      input: '{"question":"Where is my order 1001?"}',
    });
    expect(parts[6]).toMatchObject({ finishReason: { unified: "tool-calls" } });
  });

  it("rejects an aborted call, generate and stream alike", async () => {
    const model = offlineLanguageModel();
    const options = {
      prompt: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }],
      abortSignal: AbortSignal.abort(),
    };
    await expect(model.doGenerate(options)).rejects.toThrow(/abort/i);
    await expect(model.doStream(options)).rejects.toThrow(/abort/i);
  });
});
