/**
 * `pnpm bench dashboard`: builds apps/web (`next build`) and reports each route's first-load
 * JavaScript, gzipped, as a browser downloads it on a cold visit: the root chunks plus the chunks of
 * every layout and the page of the route (polyfills excluded, as Next's own "First Load JS" does).
 * Target from issue 8: under 300 KB per route.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { defineSuite } from "@answerbase/bench";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
const DIST = `${WEB_DIR}dist/`;
const TARGET_KB = 300;
const run = promisify(execFile);

/** Route → the app-build-manifest entries it loads (root layout, group layouts, page). */
const ROUTES: Record<string, string[]> = {
  "/sign-in": ["/layout", "/(auth)/layout", "/(auth)/sign-in/page"],
  "/sign-up": ["/layout", "/(auth)/layout", "/(auth)/sign-up/page"],
  "/onboarding": ["/layout", "/onboarding/page"],
  "/overview": ["/layout", "/(app)/layout", "/(app)/overview/page"],
  "/database": ["/layout", "/(app)/layout", "/(app)/database/page"],
  "/knowledge": ["/layout", "/(app)/layout", "/(app)/knowledge/page"],
  "/members": ["/layout", "/(app)/layout", "/(app)/members/page"],
  "/conversations": ["/layout", "/(app)/layout", "/(app)/conversations/page"],
  "/playground": ["/layout", "/(app)/layout", "/(app)/playground/page"],
  "/widget": ["/layout", "/(app)/layout", "/(app)/widget/page"],
  "/audit": ["/layout", "/(app)/layout", "/(app)/audit/page"],
  "/invite/[token]": ["/layout", "/invite/[token]/page"],
};

interface Built {
  buildSeconds: number;
  rootFiles: string[];
  pages: Record<string, string[]>;
}

const gzipCache = new Map<string, number>();
async function gzippedBytes(file: string): Promise<number> {
  const cached = gzipCache.get(file);
  if (cached !== undefined) return cached;
  const size = gzipSync(await readFile(`${DIST}${file}`), { level: 9 }).length;
  gzipCache.set(file, size);
  return size;
}

async function firstLoad(built: Built, entries: string[]) {
  const files = new Set(built.rootFiles);
  for (const entry of entries) {
    const chunks = built.pages[entry];
    if (chunks === undefined) throw new Error(`${entry} is not in app-build-manifest.json`);
    for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(chunk);
  }
  let bytes = 0;
  for (const file of files) bytes += await gzippedBytes(file);
  return { files: files.size, kb: Math.round((bytes / 1024) * 10) / 10 };
}

export default defineSuite<Built>({
  name: "dashboard",
  description: "apps/web production build: first-load JS per route, gzipped (target < 300 KB)",
  async setup() {
    const started = performance.now();
    const next = createRequire(`${WEB_DIR}package.json`).resolve("next/dist/bin/next");
    await run(process.execPath, [next, "build"], {
      cwd: WEB_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
    const build = JSON.parse(await readFile(`${DIST}build-manifest.json`, "utf8")) as {
      rootMainFiles: string[];
    };
    const app = JSON.parse(await readFile(`${DIST}app-build-manifest.json`, "utf8")) as {
      pages: Record<string, string[]>;
    };
    return { buildSeconds, rootFiles: build.rootMainFiles, pages: app.pages };
  },
  cases: [
    {
      kind: "custom",
      name: "next build",
      measure: (built) => Promise.resolve({ seconds: built.buildSeconds }),
    },
    ...Object.entries(ROUTES).map(([route, entries]) => ({
      kind: "custom" as const,
      name: `first-load JS ${route}`,
      async measure(built: Built) {
        const { files, kb } = await firstLoad(built, entries);
        return { gzipKB: kb, files, targetKB: TARGET_KB, withinTarget: kb < TARGET_KB ? "yes" : "NO" };
      },
    })),
  ],
});
