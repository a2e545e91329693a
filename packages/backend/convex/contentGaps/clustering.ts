/*
 * Greedy (leader) clustering of unanswered questions by cosine similarity: a new question joins the most
 * similar unresolved group when the similarity to that group's centroid is at least `GAP_SIMILARITY`,
 * otherwise it starts a group. One pass, no re-clustering: a group's meaning is fixed by its first
 * questions, which is what a support lead reads as "the question".
 *
 * 0.7, measured on the offline sentence encoder (`pnpm dev`'s default; docs/content-gaps.md has the
 * table): paraphrases of one question scored 0.74–0.86 ("Do you ship to Canada?" / "Is shipping to
 * Canada available?" 0.86, "Do you offer gift wrapping?" / "Can you gift wrap my order?" 0.80), other
 * topics at most 0.59. With the lexical test embedder (EMBEDDING_MODEL=test) only near-identical
 * wordings reach 0.7, so tests group repeated questions.
 */

export const GAP_SIMILARITY = 0.7;
export const MAX_EXAMPLES = 5;

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** The group a vector joins (the most similar at or above the threshold), or null for a new group. */
export function closestGroup<G extends { centroid: readonly number[] }>(
  groups: readonly G[],
  embedding: readonly number[],
  threshold = GAP_SIMILARITY,
): G | null {
  let best: G | null = null;
  let bestScore = threshold;
  for (const group of groups) {
    const score = cosine(group.centroid, embedding);
    if (score >= bestScore) {
      best = group;
      bestScore = score;
    }
  }
  return best;
}

/** The centroid after adding one more vector to `count` earlier ones. */
export function addToCentroid(
  centroid: readonly number[],
  count: number,
  embedding: readonly number[],
): number[] {
  return centroid.map((value, i) => (value * count + (embedding[i] ?? 0)) / (count + 1));
}

/** Newest first, distinct (case and spacing aside), at most `MAX_EXAMPLES`. */
export function addExample(examples: readonly string[], question: string): string[] {
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
  return [question, ...examples.filter((example) => key(example) !== key(question))].slice(0, MAX_EXAMPLES);
}
