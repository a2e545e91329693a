import type { LanguageModelV3Prompt, LanguageModelV3Usage } from "@ai-sdk/provider";

/** Words stand in for tokens: deterministic, and the same order of magnitude. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Everything the prompt says, as text: the input side of the usage. */
export function promptText(prompt: LanguageModelV3Prompt): string {
  const pieces: string[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      pieces.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") pieces.push(part.text);
      else if (part.type === "tool-call") pieces.push(JSON.stringify(part.input ?? null));
      else if (part.type === "tool-result") pieces.push(JSON.stringify(part.output));
    }
  }
  return pieces.join("\n");
}

export function usage(inputWords: number, outputWords: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputWords, noCache: inputWords, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputWords, text: outputWords, reasoning: 0 },
  };
}
