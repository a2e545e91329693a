/*
 * What the lookup searches for when a message is long: a customer who pastes the same plea fifty times
 * and asks their question at the end means the question. Repeated sentences are kept once, whitespace
 * is collapsed, and the result is capped, so both the planner (which reads the first 2,000 characters)
 * and the query embedding see what was asked rather than the padding.
 */

export const MAX_QUESTION_CHARS = 2_000;

export function condenseQuestion(text: string): string {
  const sentences = text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=[.!?。！？])\s+/);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const sentence of sentences) {
    const key = sentence.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(sentence);
  }
  const condensed = kept.join(" ");
  if (condensed.length <= MAX_QUESTION_CHARS) return condensed;
  // Still long: keep the beginning and the end, where a question usually sits.
  const half = MAX_QUESTION_CHARS / 2;
  return `${condensed.slice(0, half)} … ${condensed.slice(-half)}`;
}
