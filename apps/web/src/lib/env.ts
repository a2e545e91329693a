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

/** Where the widget's `/widget.js` is served: `pnpm dev` serves it on WIDGET_PORT (default 3300). */
export const DEFAULT_WIDGET_URL = "http://127.0.0.1:3300";

function readUrl(env: Record<string, string | undefined>, names: string[]): string | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value === undefined || value === "") continue;
    if (/^https?:\/\/\S+$/.test(value)) return value.replace(/\/+$/, "");
    console.warn(`${name}="${value}" is not an http(s) URL; ignoring it.`);
  }
  return null;
}

/** The widget's origin for the embed snippet: WIDGET_URL or NEXT_PUBLIC_WIDGET_URL, read at request time. */
export function readWidgetUrl(env: Record<string, string | undefined> = process.env): string {
  return readUrl(env, ["WIDGET_URL", "NEXT_PUBLIC_WIDGET_URL"]) ?? DEFAULT_WIDGET_URL;
}

/** The demo shop embedding the widget (`pnpm dev` passes it); null when none is configured. */
export function readDemoSiteUrl(env: Record<string, string | undefined> = process.env): string | null {
  return readUrl(env, ["DEMO_SITE_URL", "NEXT_PUBLIC_DEMO_SITE_URL"]);
}
