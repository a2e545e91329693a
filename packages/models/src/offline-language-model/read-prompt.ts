import type { LanguageModelV3CallOptions, LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";
import { ACTION_TOOL_PREFIX, SUPPORT_TOOL_NAMES, type SupportToolName } from "../support-tools.ts";
import type { OfferedAction } from "./actions.ts";

/** A tool's result, as the prompt carries it. */
export interface ToolOutcome {
  toolName: string;
  output: LanguageModelV3ToolResultOutput;
}

/** What the offline model reads from a call: the rest of the prompt does not change its turn. */
export interface PromptReading {
  /** The latest user message's text, trimmed; "" when it has none. */
  question: string;
  /** Tool results that came after the latest user message, oldest first. */
  results: ToolOutcome[];
  /** The support tools this call offers (and `toolChoice` allows). */
  tools: ReadonlySet<SupportToolName>;
  /** The agent actions (`action_*` tools) this call offers, with their input schemas. */
  actions: OfferedAction[];
}

const KNOWN_TOOLS = new Set<string>(Object.values(SUPPORT_TOOL_NAMES));
const isSupportTool = (name: string): name is SupportToolName => KNOWN_TOOLS.has(name);

/**
 * Only what follows the latest user message counts as "this turn": a thread's history carries the
 * tool results of earlier questions, which must not answer the new one.
 */
export function readPrompt({ prompt, tools, toolChoice }: LanguageModelV3CallOptions): PromptReading {
  let last = -1;
  prompt.forEach((message, index) => {
    if (message.role === "user") last = index;
  });
  const user = prompt[last];
  const question =
    user?.role === "user"
      ? user.content
          .flatMap((part) => (part.type === "text" ? [part.text] : []))
          .join("\n")
          .trim()
      : "";

  const results: ToolOutcome[] = [];
  for (const message of prompt.slice(last + 1)) {
    if (message.role !== "tool" && message.role !== "assistant") continue;
    for (const part of message.content)
      if (part.type === "tool-result") results.push({ toolName: part.toolName, output: part.output });
  }

  const offered = new Set<SupportToolName>();
  const actions: OfferedAction[] = [];
  if (toolChoice?.type !== "none")
    for (const tool of tools ?? []) {
      if (tool.type !== "function") continue;
      if (toolChoice?.type === "tool" && toolChoice.toolName !== tool.name) continue;
      if (isSupportTool(tool.name)) offered.add(tool.name);
      else if (tool.name.startsWith(ACTION_TOOL_PREFIX))
        actions.push({ toolName: tool.name, inputSchema: tool.inputSchema });
    }

  return { question, results, tools: offered, actions };
}
