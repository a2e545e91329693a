import type { EmbeddingModel } from "ai";
import { MockLanguageModelV3 } from "ai/test";

export const EMBEDDING_DIMENSION = 128;

/** A deterministic bag-of-words embedder: texts sharing words point the same way. No network. */
export const hashEmbeddingModel: Exclude<EmbeddingModel, string> = {
  specificationVersion: "v3",
  provider: "fixture",
  modelId: "hash-128",
  maxEmbeddingsPerCall: 100,
  supportsParallelCalls: true,
  doEmbed: ({ values }) => Promise.resolve({ embeddings: values.map(embed), warnings: [] }),
};

function embed(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSION).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    vector[(hash >>> 0) % EMBEDDING_DIMENSION]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** Calls `lookupOrder` once, then answers from the tool result: the shape of the offline model. */
export function toolCallingModel() {
  const doGenerate: MockLanguageModelV3["doGenerate"] = (options) => {
    const toolResult = options.prompt
      .flatMap((m) => (m.role === "tool" ? m.content : []))
      .find((part) => part.type === "tool-result");
    if (toolResult === undefined) {
      const question = JSON.stringify(options.prompt.at(-1)?.content ?? "");
      const orderNumber = /\d+/.exec(question)?.[0] ?? "0";
      return Promise.resolve({
        content: [
          {
            type: "tool-call",
            toolCallId: "call-1",
            toolName: "lookupOrder",
            input: JSON.stringify({ orderNumber }),
          },
        ],
        finishReason: { unified: "tool-calls", raw: undefined },
        usage,
        warnings: [],
      });
    }
    const output = toolResult.type === "tool-result" ? toolResult.output : undefined;
    const value = output?.type === "json" || output?.type === "text" ? output.value : "";
    return Promise.resolve({
      content: [{ type: "text", text: `Order status: ${JSON.stringify(value)}` }],
      finishReason: { unified: "stop", raw: undefined },
      usage,
      warnings: [],
    });
  };
  return new MockLanguageModelV3({ doGenerate });
}
