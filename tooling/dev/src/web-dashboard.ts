import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { StartupError } from "@answerbase/local-cloud";
import { assertPortFree } from "./ports.ts";
import { stoppable } from "./stoppable-child.ts";

/** apps/web, the Next.js dashboard. */
export const WEB_DIR = fileURLToPath(new URL("../../../apps/web", import.meta.url));

export interface Dashboard {
  url: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/** The dashboard's port: LOCAL_WEB_PORT, or 3000 (the SITE_URL Convex Auth is given). */
export function dashboardPort(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.LOCAL_WEB_PORT?.trim();
  if (!given) return 3000;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new StartupError(`LOCAL_WEB_PORT must be a port number (1-65535), got "${given}".`);
  }
  return port;
}

/**
 * `next dev` on apps/web, pointed at the Convex backend. It compiles each page on its first visit
 * (a few seconds on a small machine); resolves once the server answers.
 */
export async function startDashboard(options: { convexUrl: string; port: number }): Promise<Dashboard> {
  await assertPortFree("127.0.0.1", options.port, "LOCAL_WEB_PORT");
  const next = createRequire(`${WEB_DIR}/package.json`).resolve("next/dist/bin/next");
  const child = spawn(
    process.execPath,
    [next, "dev", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NEXT_PUBLIC_CONVEX_URL: options.convexUrl,
        // The widget's and the demo shop's URLs for the Widget page (the ports widget-servers.ts uses).
        NEXT_PUBLIC_WIDGET_URL:
          process.env.NEXT_PUBLIC_WIDGET_URL ?? `http://127.0.0.1:${process.env.WIDGET_PORT?.trim() || 3300}`,
        NEXT_PUBLIC_DEMO_SITE_URL:
          process.env.NEXT_PUBLIC_DEMO_SITE_URL ??
          `http://localhost:${process.env.DEMO_SITE_PORT?.trim() || 3301}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const { exited, stop } = stoppable(child, 10_000);
  const url = `http://127.0.0.1:${options.port}`;
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (ended)
      throw new StartupError(
        "The dashboard (next dev in apps/web) ended while starting; see its output above.",
      );
    try {
      // Any answer means Next is listening; the page itself compiles on the first real visit.
      await fetch(`${url}/favicon.ico`, { signal: AbortSignal.timeout(2_000) });
      return { url, exited, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new StartupError(`The dashboard did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}
