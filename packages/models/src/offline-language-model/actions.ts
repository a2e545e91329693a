import type { LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";
import { ACTION_TOOL_PREFIX, actionResultSchema } from "../support-tools.ts";
import { outputValue } from "./compose-answer.ts";
import { fold } from "./intents.ts";

/*
 * How the offline model uses agent actions (`action_<name>` tools), by rules: a message that asks for
 * something to be done and names the action's subject (the words of its name, less the generic verbs)
 * calls it, with inputs read from the message by the schema's property names and types. It never
 * invents a value: an input it cannot find is left out, and the tool's refusal says what is missing.
 * A provider model reads the descriptions instead; these rules exist so the whole flow runs offline.
 */

export interface OfferedAction {
  toolName: string;
  inputSchema: unknown;
}

const GENERIC = new Set([
  "request",
  "create",
  "make",
  "look",
  "get",
  "send",
  "update",
  "add",
  "open",
  "new",
  "the",
  "for",
  "and",
  "up",
]);
// "I'd like a refund", "please create", "can you…": the message asks for something, not about it.
const ASKS_FOR_IT =
  /\b(i want|i'd like|i would like|i need|please|can you|could you|would you|request|give me|issue|create|open|look up|check my|show my|what is my|what's my)\b/;
const ABOUT_POLICY = /\b(policy|policies|how (do|does|long|can)|when (do|does|will)|is there)\b/;
const FREE_TEXT = /^(title|note|notes|reason|description|message|details|summary|comment|text|subject)$/;

function keywords(toolName: string): string[] {
  return toolName
    .slice(ACTION_TOOL_PREFIX.length)
    .split("_")
    .filter((word) => word.length >= 3 && !GENERIC.has(word));
}

/** The action the message asks for, when exactly one fits (several would be a guess). */
export function matchAction(question: string, actions: readonly OfferedAction[]): OfferedAction | null {
  const text = fold(question);
  if (!ASKS_FOR_IT.test(text) || ABOUT_POLICY.test(text)) return null;
  const fits = actions.filter((action) => {
    const words = keywords(action.toolName);
    return words.length > 0 && words.every((word) => new RegExp(`\\b${word}`).test(text));
  });
  return fits.length === 1 ? fits[0]! : null;
}

interface PropertySchema {
  type?: string;
  enum?: unknown[];
  maxLength?: number;
}

const NUMBER = /(?:[$€£]\s*)?(\d+(?:[.,]\d{1,2})?)/g;

/** Inputs found in the message for the schema's properties: identifiers first, then amounts, then text. */
export function extractInputs(question: string, inputSchema: unknown): Record<string, unknown> {
  const properties = ((inputSchema as { properties?: unknown } | null)?.properties ?? {}) as Record<
    string,
    PropertySchema
  >;
  const input: Record<string, unknown> = {};
  let rest = question;
  const entries = Object.entries(properties);
  for (const [name, property] of entries) {
    if (property.type !== "string" || FREE_TEXT.test(name)) continue;
    if (Array.isArray(property.enum)) {
      const found = property.enum.find(
        (value) => typeof value === "string" && fold(question).includes(fold(value)),
      );
      if (found !== undefined) input[name] = found;
      continue;
    }
    // "order 1042", "order #1042", "order number A-17": the word of the name, then a token with a digit.
    const subject = name.split("_").filter((word) => !/^(id|number|no|ref|code)$/.test(word))[0] ?? name;
    const match = new RegExp(
      `\\b${subject}\\w*\\s*(?:#|number|no\\.?|id|ref)?\\s*:?\\s*#?([A-Za-z0-9-]*\\d[A-Za-z0-9-]*)`,
      "i",
    ).exec(rest);
    if (match) {
      input[name] = match[1];
      rest = rest.replace(match[0], " ");
    }
  }
  for (const [name, property] of entries) {
    if (property.type !== "number" && property.type !== "integer") continue;
    const match = NUMBER.exec(rest);
    NUMBER.lastIndex = 0;
    if (match) {
      const value = Number(match[1]!.replace(",", "."));
      input[name] = property.type === "integer" ? Math.round(value) : value;
      rest = rest.replace(match[0], " ");
    }
  }
  for (const [name, property] of entries) {
    if (property.type !== "string" || !FREE_TEXT.test(name)) continue;
    const text = question.trim();
    input[name] = property.maxLength === undefined ? text : text.slice(0, property.maxLength);
  }
  return input;
}

/** The reply after an action's result: its message for the customer, or a plain failure. */
export function replyToAction(output: LanguageModelV3ToolResultOutput): string {
  const value = outputValue(output);
  const parsed = value.ok ? actionResultSchema.safeParse(value.value) : null;
  if (parsed?.success) return parsed.data.message;
  return "I couldn't do that just now, so nothing was changed. Please try again in a moment, or ask to talk to a person.";
}
