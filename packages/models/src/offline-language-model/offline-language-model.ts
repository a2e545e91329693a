import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
  SharedV3Warning,
} from "@ai-sdk/provider";
import { decideTurn, type Turn } from "./decide-turn.ts";
import { hashText } from "./hash.ts";
import { readPrompt } from "./read-prompt.ts";
import { countWords, promptText, usage } from "./usage.ts";

/** Names the offline model's behaviour; bump the version when its replies change. */
export const OFFLINE_LANGUAGE_MODEL_ID = "offline/support-rules-v1";
const MODEL_ID = OFFLINE_LANGUAGE_MODEL_ID.slice("offline/".length);
// Streamed text arrives in chunks of this many words, like a real model's deltas.
const WORDS_PER_DELTA = 6;

/** One step's answer, shared by doGenerate and doStream so both say exactly the same. */
interface Step {
  turn: Turn;
  /** Response id, and the seed of the tool-call id: a hash of the prompt and the offered tools. */
  key: string;
  usage: LanguageModelV3Usage;
  finishReason: LanguageModelV3FinishReason;
  warnings: SharedV3Warning[];
}

function step(options: LanguageModelV3CallOptions): Step {
  options.abortSignal?.throwIfAborted();
  const reading = readPrompt(options);
  const turn = decideTurn(reading);
  const key = hashText(JSON.stringify([options.prompt, [...reading.tools]]));
  const output = turn.kind === "text" ? turn.text : JSON.stringify(turn.input);
  const warnings: SharedV3Warning[] =
    options.responseFormat?.type === "json"
      ? [{ type: "unsupported", feature: "responseFormat", details: "the offline model writes plain text" }]
      : [];
  return {
    turn,
    key,
    usage: usage(countWords(promptText(options.prompt)), countWords(output)),
    finishReason:
      turn.kind === "text" ? { unified: "stop", raw: "stop" } : { unified: "tool-calls", raw: "tool-calls" },
    warnings,
  };
}

const toolCallId = (s: Step) =>
  `call_${hashText(`${s.key}:${s.turn.kind === "text" ? "" : s.turn.toolName}`)}`;

function content(s: Step): LanguageModelV3Content[] {
  if (s.turn.kind === "text") return [{ type: "text", text: s.turn.text }];
  return [
    {
      type: "tool-call",
      toolCallId: toolCallId(s),
      toolName: s.turn.toolName,
      input: JSON.stringify(s.turn.input),
    },
  ];
}

/** Splits text into deltas at word boundaries; joined, they are the text exactly. */
export function textDeltas(text: string, wordsPerDelta = WORDS_PER_DELTA): string[] {
  const words = text.split(/(?<=\s)(?=\S)/);
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerDelta)
    deltas.push(words.slice(i, i + wordsPerDelta).join(""));
  return deltas;
}

function streamParts(s: Step): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: s.warnings },
    { type: "response-metadata", id: `offline-${s.key}`, modelId: MODEL_ID },
  ];
  if (s.turn.kind === "text") {
    const id = `text-${s.key}`;
    parts.push({ type: "text-start", id });
    for (const delta of textDeltas(s.turn.text)) parts.push({ type: "text-delta", id, delta });
    parts.push({ type: "text-end", id });
  } else {
    const id = toolCallId(s);
    const input = JSON.stringify(s.turn.input);
    parts.push(
      { type: "tool-input-start", id, toolName: s.turn.toolName },
      { type: "tool-input-delta", id, delta: input },
      { type: "tool-input-end", id },
      { type: "tool-call", toolCallId: id, toolName: s.turn.toolName, input },
    );
  }
  parts.push({ type: "finish", usage: s.usage, finishReason: s.finishReason });
  return parts;
}

function generate(options: LanguageModelV3CallOptions): LanguageModelV3GenerateResult {
  const s = step(options);
  return {
    content: content(s),
    finishReason: s.finishReason,
    usage: s.usage,
    warnings: s.warnings,
    response: { id: `offline-${s.key}`, modelId: MODEL_ID },
  };
}

function stream(options: LanguageModelV3CallOptions): LanguageModelV3StreamResult {
  const parts = streamParts(step(options));
  return {
    stream: new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
  };
}

/**
 * A rule-based support agent behind the AI SDK v3 language-model interface: no network, no key, the
 * same output for the same prompt. It calls `lookup` first, answers only from the tool's result, and
 * uses `escalate` / `resolve` when asked; see the package README for the whole contract.
 */
export class OfflineLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "answerbase.offline";
  readonly modelId = MODEL_ID;
  readonly supportedUrls = {};

  // Nothing here waits; the executor turns a throw (an aborted call) into a rejection.
  doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    return new Promise((resolve) => resolve(generate(options)));
  }

  doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    return new Promise((resolve) => resolve(stream(options)));
  }
}

/** The offline deterministic language model (see {@link OfflineLanguageModel}). */
export function offlineLanguageModel(): LanguageModelV3 {
  return new OfflineLanguageModel();
}
