// Following an agent reply while it streams: the text a widget or dashboard bubble shows from the
// deltas @convex-dev/agent saves, in both stream formats, whatever order and repeats the queries bring.
import type { StreamDelta, StreamMessage } from "@convex-dev/agent/validators";
import { streamText } from "ai";
import { MockLanguageModelV3, convertReadableStreamToArray, simulateReadableStream } from "ai/test";
import { describe, expect, it } from "vitest";
import { applyDeltas, deltaCursors, deltaText, streamingTexts } from "../src/index.ts";

const REPLY = ["Order #1001 ", "shipped on ", "May 2: ", "tracking 1Z999AA10123456784."];

/** A reply as the AI SDK streams it: a lookup's tool call first, then the text in pieces. */
function replyStream() {
  const model = new MockLanguageModelV3({
    doStream: () =>
      Promise.resolve({
        stream: simulateReadableStream({
          chunks: [
            { type: "stream-start", warnings: [] },
            { type: "reasoning-start", id: "r" },
            { type: "reasoning-delta", id: "r", delta: "Look the order up first." },
            { type: "reasoning-end", id: "r" },
            { type: "text-start", id: "t" },
            ...REPLY.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
            { type: "text-end", id: "t" },
            {
              type: "finish",
              finishReason: { unified: "stop", raw: undefined },
              usage: {
                inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
                outputTokens: { total: 5, text: 5, reasoning: undefined },
              },
            },
          ],
        }),
      }),
  });
  return streamText({ model, prompt: "Where is order #1001?" });
}

/** Parts cut into deltas of `size` parts each, numbered the way the agent's DeltaStreamer numbers them. */
function toDeltas(streamId: string, parts: unknown[], size: number): StreamDelta[] {
  const deltas: StreamDelta[] = [];
  for (let start = 0; start < parts.length; start += size) {
    const slice = parts.slice(start, start + size);
    deltas.push({ streamId, start, end: start + slice.length, parts: slice });
  }
  return deltas;
}

const stream = (streamId: string, order: number): StreamMessage => ({
  streamId,
  order,
  stepOrder: 1,
  status: "streaming",
});

describe("deltaText", () => {
  it("joins only the reply's words from UI message chunks (the agent's default format)", async () => {
    const chunks = await convertReadableStreamToArray(
      replyStream().toUIMessageStream({ sendReasoning: true }),
    );
    expect(chunks.some((chunk) => chunk.type === "reasoning-delta")).toBe(true);
    expect(deltaText(chunks)).toBe(REPLY.join(""));
  });

  it("joins only the reply's words from text stream parts", async () => {
    const parts = await convertReadableStreamToArray(replyStream().fullStream);
    expect(parts.some((part) => part.type === "reasoning-delta")).toBe(true);
    expect(deltaText(parts)).toBe(REPLY.join(""));
  });

  it("is empty before the first words, and for parts it does not know", () => {
    expect(deltaText([{ type: "start" }, { type: "tool-input-delta", inputTextDelta: "{}" }, null, 7])).toBe(
      "",
    );
  });
});

describe("applyDeltas", () => {
  it("builds the reply in order even when a query returns its deltas out of order", async () => {
    const chunks = await convertReadableStreamToArray(replyStream().toUIMessageStream());
    const deltas = toDeltas("s1", chunks, 2);
    const progress = applyDeltas({}, [...deltas].reverse());
    expect(progress["s1"]).toEqual({ cursor: chunks.length, text: REPLY.join("") });
  });

  it("shows text as it arrives and never twice when a re-run query repeats what was applied", async () => {
    const chunks = await convertReadableStreamToArray(replyStream().toUIMessageStream());
    const [first, second, ...rest] = toDeltas("s1", chunks, 3);
    const once = applyDeltas({}, [first!]);
    const again = applyDeltas(once, [first!, second!]);
    expect(again["s1"]?.cursor).toBe(second!.end);
    expect(REPLY.join("").startsWith(again["s1"]!.text)).toBe(true);
    expect(applyDeltas(again, [first!, second!, ...rest])["s1"]?.text).toBe(REPLY.join(""));
  });

  it("stops at a gap and goes on once the next query fills it from the cursor", () => {
    const parts = REPLY.map((delta) => ({ type: "text-delta", id: "t", delta }));
    const [a, b, c, d] = toDeltas("s1", parts, 1);
    const withGap = applyDeltas({}, [a!, c!, d!]);
    expect(withGap["s1"]).toEqual({ cursor: 1, text: "Order #1001 " });
    expect(applyDeltas(withGap, [b!, c!, d!])["s1"]).toEqual({ cursor: 4, text: REPLY.join("") });
  });

  it("keeps two replies streaming at once apart", () => {
    const progress = applyDeltas({}, [
      { streamId: "s1", start: 0, end: 1, parts: [{ type: "text-delta", delta: "Hello" }] },
      { streamId: "s2", start: 0, end: 1, parts: [{ type: "text-delta", delta: "Bonjour" }] },
      { streamId: "s1", start: 1, end: 2, parts: [{ type: "text-delta", delta: " there" }] },
    ]);
    expect(progress).toEqual({ s1: { cursor: 2, text: "Hello there" }, s2: { cursor: 1, text: "Bonjour" } });
  });

  it("returns the same progress when nothing is new, so the hook's state does not change", () => {
    const progress = applyDeltas({}, [{ streamId: "s1", start: 0, end: 1, parts: [] }]);
    expect(applyDeltas(progress, [])).toBe(progress);
    expect(applyDeltas(progress, [{ streamId: "s1", start: 0, end: 1, parts: [] }])).toBe(progress);
  });
});

describe("deltaCursors and streamingTexts", () => {
  it("ask a new stream from 0 and a known one from where it stopped", () => {
    const progress = { s1: { cursor: 3, text: "Order" } };
    expect(deltaCursors([stream("s1", 2), stream("s2", 4)], progress)).toEqual([
      { streamId: "s1", cursor: 3 },
      { streamId: "s2", cursor: 0 },
    ]);
  });

  it("show each open stream with its text so far, empty before its first words", () => {
    const progress = { s1: { cursor: 3, text: "Order" }, gone: { cursor: 9, text: "finished earlier" } };
    expect(streamingTexts([stream("s1", 2), stream("s2", 4)], progress)).toEqual([
      { streamId: "s1", order: 2, stepOrder: 1, status: "streaming", text: "Order" },
      { streamId: "s2", order: 4, stepOrder: 1, status: "streaming", text: "" },
    ]);
  });
});
