import {
  ACTION_TOOL_PREFIX,
  SUPPORT_TOOL_NAMES,
  type EscalateInput,
  type LookupInput,
  type ResolveInput,
  type SupportToolName,
} from "../support-tools.ts";
import { extractInputs, matchAction, replyToAction } from "./actions.ts";
import { answerLookup, nextStep, outputValue, REPLIES } from "./compose-answer.ts";
import { classifyIntent } from "./intents.ts";
import type { PromptReading, ToolOutcome } from "./read-prompt.ts";

/** What the offline model does this step: call one tool, or write the reply. */
export type Turn =
  | { kind: "tool-call"; toolName: "lookup"; input: LookupInput }
  | { kind: "tool-call"; toolName: "escalate"; input: EscalateInput }
  | { kind: "tool-call"; toolName: "resolve"; input: ResolveInput }
  | { kind: "tool-call"; toolName: `${typeof ACTION_TOOL_PREFIX}${string}`; input: Record<string, unknown> }
  | { kind: "text"; text: string };

const MAX_REASON_QUOTE = 300;
const KNOWN = new Set<string>(Object.values(SUPPORT_TOOL_NAMES));

/**
 * The whole policy. After a tool result (this turn): the reply written from it. Before: empty → ask;
 * a person asked for → `escalate`; "that solved it" → `resolve`; anything else → `lookup`. A tool
 * missing from the call's tool list is never called; the reply says what cannot be done instead.
 */
export function decideTurn({ question, results, tools, actions }: PromptReading): Turn {
  const latest = results.findLast(
    (result) => KNOWN.has(result.toolName) || result.toolName.startsWith(ACTION_TOOL_PREFIX),
  );
  if (latest?.toolName.startsWith(ACTION_TOOL_PREFIX))
    return { kind: "text", text: replyToAction(latest.output) };
  if (latest) return { kind: "text", text: replyTo(latest, question, tools) };

  switch (classifyIntent(question)) {
    case "empty":
      return { kind: "text", text: REPLIES.askWhatTheyNeed };
    case "human":
      if (tools.has(SUPPORT_TOOL_NAMES.escalate))
        return { kind: "tool-call", toolName: "escalate", input: { reason: escalationReason(question) } };
      return { kind: "text", text: `${REPLIES.cannotHandOver} ${REPLIES.contactTeam}` };
    case "resolved":
      if (tools.has(SUPPORT_TOOL_NAMES.resolve)) return { kind: "tool-call", toolName: "resolve", input: {} };
      return { kind: "text", text: REPLIES.glad };
    case "question": {
      // Asked to do something an action does (a refund, a follow-up): the action, not a lookup.
      const action = matchAction(question, actions);
      if (action)
        return {
          kind: "tool-call",
          toolName: action.toolName as `${typeof ACTION_TOOL_PREFIX}${string}`,
          input: extractInputs(question, action.inputSchema),
        };
      if (tools.has(SUPPORT_TOOL_NAMES.lookup))
        return { kind: "tool-call", toolName: "lookup", input: { question } };
      return { kind: "text", text: `${REPLIES.cannotLookUp} ${nextStep(tools)}` };
    }
  }
}

function replyTo(
  { toolName, output }: ToolOutcome,
  question: string,
  tools: ReadonlySet<SupportToolName>,
): string {
  switch (toolName) {
    case SUPPORT_TOOL_NAMES.escalate:
      return outputValue(output).ok ? REPLIES.escalated : REPLIES.escalateFailed;
    case SUPPORT_TOOL_NAMES.resolve:
      return outputValue(output).ok ? REPLIES.resolved : REPLIES.glad;
    default:
      return answerLookup(output, question, tools);
  }
}

function escalationReason(question: string): string {
  const quote =
    question.length > MAX_REASON_QUOTE ? `${question.slice(0, MAX_REASON_QUOTE).trimEnd()}…` : question;
  return `The customer asked to talk to a person: "${quote}"`;
}
