import { normalizeLineBreaks, textFieldProblems, throwIfProblems } from "../lib/textRules";
import { SAVED_REPLY_LIMITS } from "../shared/savedReplies";

/* Saved replies' rules; the functions are in private/savedReplies.ts. */

/** Title: one line of 1 to 80 characters; text: 1 to 5,000 characters; both trimmed. */
export function validateSavedReply(input: { title: string; text: string }): { title: string; text: string } {
  const title = input.title.trim();
  const text = normalizeLineBreaks(input.text).trim();
  const length = (field: "title" | "text", value: string) =>
    value.length === 0
      ? [{ field, message: "must not be empty" }]
      : value.length > SAVED_REPLY_LIMITS[field]
        ? [{ field, message: `must be at most ${SAVED_REPLY_LIMITS[field]} characters` }]
        : [];
  const problems = [
    ...length("title", title),
    ...length("text", text),
    ...textFieldProblems("title", title),
    ...textFieldProblems("text", text, "multiline"),
  ];
  throwIfProblems(problems);
  return { title, text };
}
