/**
 * A 64-bit, non-cryptographic string hash (two independent 32-bit FNV-1a-style lanes with a
 * murmur3 finalizer), as 16 hex characters. Pure JS, so it runs in Convex's default runtime too
 * (no `node:crypto`); used to derive tool-call and response ids from the prompt.
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return hex(fmix(a ^ text.length)) + hex(fmix(b ^ (text.length >>> 1)));
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (n: number) => n.toString(16).padStart(8, "0");
