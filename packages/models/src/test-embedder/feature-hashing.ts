/**
 * Feature hashing of word unigrams and character trigrams into a fixed-size, L2-normalized vector.
 * Texts that share words or word fragments get a positive cosine similarity; unrelated texts land near
 * zero (each feature gets a pseudo-random sign, so collisions cancel out on average). It knows nothing
 * about meaning: "track my package" and "where is my order" share only "my".
 */

const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.5;
// Gives empty or punctuation-only text a unit vector instead of zeros (cosine with zeros is NaN).
const EMPTY_FEATURE = "\u0000empty";

/** Lowercased words of letters and digits, accents removed ("Café-Crème" → ["cafe", "creme"]). */
export function normalizedWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** FNV-1a over UTF-16 code units, then murmur3's finalizer so the low bits are well mixed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function addFeature(vector: Float64Array, feature: string, weight: number) {
  const h = hash32(feature);
  // The index comes from the low bits, the sign from the top bit: independent for any dimension ≤ 2^31.
  vector[h % vector.length]! += h & 0x80000000 ? -weight : weight;
}

/** Embeds one text; same text and dimension → the same vector, on any machine. */
export function hashedNgramVector(text: string, dimension: number): number[] {
  const vector = new Float64Array(dimension);
  const words = normalizedWords(text);
  for (const word of words) {
    addFeature(vector, `w:${word}`, WORD_WEIGHT);
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++)
      addFeature(vector, `c:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
  }
  if (words.length === 0) addFeature(vector, EMPTY_FEATURE, 1);

  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  // Every feature may have cancelled out in one bucket pair; fall back to the empty-text vector then.
  if (norm === 0) return hashedNgramVector("", dimension);
  return Array.from(vector, (x) => x / norm);
}
