/**
 * The dashboard's one setting: the Convex deployment's URL, read on the server at request time (so
 * one build serves any deployment) from CONVEX_URL or NEXT_PUBLIC_CONVEX_URL, and handed to the
 * client by the root layout. Without one the dashboard talks to `pnpm dev`'s local backend.
 */
export const DEFAULT_CONVEX_URL = "http://127.0.0.1:3210";

export function readConvexUrl(env: Record<string, string | undefined> = process.env): string {
  // Looked up by a computed name: Next inlines `process.env.NEXT_PUBLIC_*` at build time otherwise.
  const names = ["CONVEX_URL", "NEXT_PUBLIC_CONVEX_URL"];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value === undefined || value === "") continue;
    if (/^https?:\/\/\S+$/.test(value)) return value;
    console.warn(`${name}="${value}" is not an http(s) URL; ignoring it.`);
  }
  return DEFAULT_CONVEX_URL;
}
