import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { defineSuite } from "@answerbase/bench";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../src/browser.ts";
import "../src/ensure-chromium.ts";
import { startStack, type Stack } from "../src/stack.ts";
import { WidgetPage } from "../src/widget-page.ts";
import { EMBED_DIR, WIDGET_DIR } from "@answerbase/dev/widget-build";

/*
 * The widget's weight and speed on the local stack, in Debian's Chromium. Sizes are gzip -9 of the
 * built files `pnpm dev` serves. Times are first visits (a fresh browser context each run: no cache,
 * no stored session): page load → launcher painted (the loader's performance mark, from navigation
 * start), and launcher click → ready to type (composer for the signed-in demo customer, the name field
 * for a guest), clicked as soon as the launcher shows and again after the page settled. BENCH_RUNS sets
 * the runs per case (default 15), after one untimed warm-up visit per case (Chromium's first renderer
 * and local-convex's first call of each function are not what a visitor waits for).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

interface Context {
  stack: Stack;
  browser: Browser;
}

const gz = async (path: string) => gzipSync(await readFile(path), { level: 9 }).length;

function summary(values: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs: values.length,
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted.at(-1) ?? NaN),
  };
}

async function firstVisit<T>(context: Context, path: string, body: (widget: WidgetPage) => Promise<T>) {
  const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await browserContext.newPage();
    await page.goto(`${context.stack.dev.widget.demoUrl}${path}`);
    return await body(new WidgetPage(page));
  } finally {
    await browserContext.close();
  }
}

async function openToReady(context: Context, path: string, settleMs: number, ready: string) {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const time = await firstVisit(context, path, async (widget) => {
      await widget.launcher.waitFor();
      if (settleMs > 0) await widget.page.waitForTimeout(settleMs);
      const started = performance.now();
      await widget.launcher.click();
      await widget.byTestId(ready).waitFor({ state: "visible" });
      return performance.now() - started;
    });
    if (i > 0) times.push(time);
  }
  return { ...summary(times), targetMs: 1000 };
}

export default defineSuite<Context>({
  name: "widget",
  description: "Embed loader and widget: gzipped sizes, load → launcher, open → ready to type (Chromium)",
  async setup() {
    const [stack, browser] = await Promise.all([
      startStack({ knowledgeBase: false }),
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true }),
    ]);
    return { stack, browser };
  },
  async teardown({ stack, browser }) {
    await browser.close();
    await stack.stop();
  },
  cases: [
    {
      kind: "custom",
      name: "bundle sizes (gzip -9)",
      async measure() {
        const dist = join(WIDGET_DIR, "dist");
        const html = await readFile(join(dist, "index.html"), "utf8");
        // Initial JS: the entry module and what it preloads; the markdown chunk loads on the first reply.
        const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
        const css = [...html.matchAll(/href="\.\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
        const sum = async (files: string[]) =>
          (await Promise.all(files.map((file) => gz(join(dist, file))))).reduce((a, b) => a + b, 0);
        const assets = (await readdir(join(dist, "assets"))).filter((f) => f.endsWith(".js"));
        const lazy = assets.filter((file) => !initial.includes(`assets/${file}`)).map((f) => `assets/${f}`);
        return {
          loaderGzBytes: await gz(join(EMBED_DIR, "dist", "widget.js")),
          loaderTargetBytes: 5 * 1024,
          widgetInitialJsGzBytes: await sum(initial),
          widgetInitialJsTargetBytes: 150 * 1024,
          widgetCssGzBytes: await sum(css),
          widgetLazyJsGzBytes: await sum(lazy),
          initialFiles: initial.join(" "),
        };
      },
    },
    {
      kind: "custom",
      name: "page load → launcher visible",
      async measure(context) {
        const times: number[] = [];
        for (let i = 0; i <= RUNS; i++) {
          const time = await firstVisit(context, "/guest", async (widget) => {
            await widget.launcher.waitFor();
            return await widget.page.evaluate(async () => {
              for (;;) {
                const mark = performance.getEntriesByName("answerbase:launcher-visible")[0];
                if (mark) return mark.startTime;
                await new Promise((resolve) => setTimeout(resolve, 10));
              }
            });
          });
          if (i > 0) times.push(time);
        }
        return { ...summary(times), targetMs: 300 };
      },
    },
    {
      kind: "custom",
      name: "open → ready to type, verified customer, clicked at once",
      measure: (context) => openToReady(context, "/", 0, "composer-input"),
    },
    {
      kind: "custom",
      name: "open → ready to type, verified customer, page settled 2 s",
      measure: (context) => openToReady(context, "/", 2000, "composer-input"),
    },
    {
      kind: "custom",
      name: "open → ready to type, guest (contact form), clicked at once",
      measure: (context) => openToReady(context, "/guest", 0, "contact-name"),
    },
  ],
});
