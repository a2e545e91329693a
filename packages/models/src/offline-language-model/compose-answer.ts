import type { LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";
import {
  lookupResultSchema,
  SUPPORT_TOOL_NAMES,
  type LookupPassage,
  type LookupResult,
  type SupportToolName,
} from "../support-tools.ts";
import { describeRowSet } from "./format-rows.ts";
import { fold } from "./intents.ts";

const MAX_QUOTED_PASSAGES = 2;
const MAX_PASSAGE_CHARS = 600;

/**
 * The fixed sentences of the offline model. None states a fact about the organization: facts only
 * ever come from a tool result.
 */
export const REPLIES = {
  askWhatTheyNeed: "What can I help you with? Tell me your question and I'll look it up.",
  cannotLookUp: "I can't look things up right now, so I can't answer that reliably.",
  lookupFailed: "I couldn't look that up just now, so I can't answer reliably. Please try again in a moment.",
  nothingFound: "I couldn't find anything about that in our records or help articles.",
  offerHuman: "If you'd like to talk to a person, just say so and I'll hand you over to our team.",
  contactTeam: "Please contact our support team for help with this.",
  cannotHandOver: "I can't hand this conversation to a person from here.",
  escalated: "I've handed this conversation to our support team; a person will reply here.",
  escalateFailed: "I couldn't reach our support team just now. Please try again in a moment.",
  resolved: "Glad I could help! I've marked this conversation as resolved.",
  glad: "Glad I could help!",
} as const;

/** The sentence that follows "I can't help": ask for a person when escalation is available. */
export const nextStep = (tools: ReadonlySet<SupportToolName>) =>
  tools.has(SUPPORT_TOOL_NAMES.escalate) ? REPLIES.offerHuman : REPLIES.contactTeam;

type Parsed = { ok: true; value: unknown } | { ok: false };

/** A tool output's value; `ok: false` when the tool failed or was denied. */
export function outputValue(output: LanguageModelV3ToolResultOutput): Parsed {
  switch (output.type) {
    case "json":
      return { ok: true, value: output.value };
    case "text":
      return { ok: true, value: parseJsonOrText(output.value) };
    case "content":
      return {
        ok: true,
        value: parseJsonOrText(
          output.value.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(""),
        ),
      };
    default:
      return { ok: false };
  }
}

// @convex-dev/agent may hand back a stored JSON result as its text.
function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: the text itself is the value
  }
}

/** The answer to a `lookup` result; an unreadable result is a failed lookup, never a guess. */
export function answerLookup(
  output: LanguageModelV3ToolResultOutput,
  question: string,
  tools: ReadonlySet<SupportToolName>,
): string {
  const value = outputValue(output);
  const parsed = value.ok ? lookupResultSchema.safeParse(value.value) : undefined;
  if (!parsed?.success) return `${REPLIES.lookupFailed} ${nextStep(tools)}`;
  return composeAnswer(parsed.data, question, tools);
}

/** Database rows, else quoted passages, else "nothing found"; then the result's note. */
export function composeAnswer(
  result: LookupResult,
  question: string,
  tools: ReadonlySet<SupportToolName>,
): string {
  const body =
    result.source === "database"
      ? (result.rows ?? []).flatMap((set) => describeRowSet(set) ?? [])
      : result.source === "knowledge_base"
        ? quotePassages(result.passages ?? [], question)
        : [];
  const paragraphs = body.length > 0 ? body : [`${REPLIES.nothingFound} ${nextStep(tools)}`];
  const note = result.note?.trim();
  if (note) paragraphs.push(sentence(note));
  return paragraphs.join("\n\n");
}

/**
 * The best passage, and the next ones while they are on topic: from the same document, or sharing a
 * word of the question. Search ranks them; this only keeps an unrelated runner-up out of the answer.
 */
function quotePassages(passages: LookupPassage[], question: string): string[] {
  const questionWords = significantWords(question);
  const seen = new Set<string>();
  const quoted: string[] = [];
  let firstTitle: string | undefined;
  for (const passage of passages) {
    const text = passage.text.trim();
    const title = passage.title.trim();
    if (!text || seen.has(text)) continue;
    firstTitle ??= title;
    const onTopic =
      quoted.length === 0 ||
      title === firstTitle ||
      [...significantWords(`${title} ${text}`)].some((word) => questionWords.has(word));
    if (!onTopic) continue;
    seen.add(text);
    const lines = cut(text, MAX_PASSAGE_CHARS)
      .split(/\n+/)
      .map((line) => `> ${line.trim()}`);
    quoted.push(`${title ? `From "${title}"` : "From our help articles"}:\n${lines.join("\n")}`);
    if (quoted.length === MAX_QUOTED_PASSAGES) break;
  }
  return quoted;
}

// Words of four letters or more, folded, minus a few that every support text contains.
const COMMON = new Set(
  "what when where which with your have this that does there about from will would could please thanks".split(
    " ",
  ),
);
function significantWords(text: string): Set<string> {
  return new Set((fold(text).match(/[\p{L}\p{N}]{4,}/gu) ?? []).filter((word) => !COMMON.has(word)));
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** Capitalized and ending in punctuation, nothing else changed. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…:)]$/.test(capital) ? capital : `${capital}.`;
}
