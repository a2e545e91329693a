/**
 * The dashboard's one setting. NEXT_PUBLIC_* values are inlined at build time; without one the
 * dashboard talks to `pnpm dev`'s local Convex backend.
 */
const DEFAULT_CONVEX_URL = "http://127.0.0.1:3210";

function readConvexUrl(): string {
  const value = process.env.NEXT_PUBLIC_CONVEX_URL?.trim();
  if (value === undefined || value === "") return DEFAULT_CONVEX_URL;
  if (!/^https?:\/\/\S+$/.test(value)) {
    console.warn(`NEXT_PUBLIC_CONVEX_URL "${value}" is not an http(s) URL; using ${DEFAULT_CONVEX_URL}.`);
    return DEFAULT_CONVEX_URL;
  }
  return value;
}

export const CONVEX_URL = readConvexUrl();
