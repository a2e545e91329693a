import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchChromium, type Browser } from "../browser.ts";
import { startStack, type Stack } from "../stack.ts";
import { VerifyingDashboardPage } from "./verifying-dashboard-page.ts";
import { buildDashboard, startDashboardServer, type DashboardServer } from "./web-server.ts";

/** Where the dashboard tests save their screenshots (the best are kept in the docs). */
export const SCREENSHOTS = fileURLToPath(new URL("../../../../docs/screenshots/", import.meta.url));

/**
 * What every dashboard test file runs against: the `pnpm dev` stack, Chromium, a production build.
 * The stack's backend verifies e-mail addresses; `app` (and `pageObject`'s pages) read the codes from
 * the stack's mail catcher, so a sign-up in a test is one `fillAuthForm` as before.
 */
export interface DashboardSession {
  stack: Stack;
  browser: Browser;
  web: DashboardServer;
  page: Page;
  app: VerifyingDashboardPage;
  /** The page object for another page (a second browser's), reading e-mail codes the same way. */
  pageObject(page: Page): VerifyingDashboardPage;
  /** Uncaught errors of the page: each file asserts there were none. */
  pageErrors: Error[];
  stop(): Promise<void>;
}

export async function startDashboardSession(
  options: { deploymentEnv?: Record<string, string> } = {},
): Promise<DashboardSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The build does not depend on the stack's ports: all three start together.
  const [stack, browser] = await Promise.all([
    startStack({ knowledgeBase: false, ...options }),
    launchChromium(),
    buildDashboard(inject("e2eRunId")),
  ]);
  const web = await startDashboardServer(stack.dev.convex);
  const page = await browser.context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  return {
    stack,
    browser,
    web,
    page,
    app: new VerifyingDashboardPage(page, web.url, stack.dev.mail.webUrl),
    pageObject: (other) => new VerifyingDashboardPage(other, web.url, stack.dev.mail.webUrl),
    pageErrors,
    async stop() {
      await browser.close();
      await web.stop();
      await stack.stop();
    },
  };
}

/**
 * One dashboard session for the calling test file: started before its first test (with the build and
 * the stack, which take minutes) and stopped after its last. `bind` receives it once started, so the
 * file can keep short names for what its tests use: `({ app, page } = session)`.
 */
export function dashboardSessionForFile(
  bind: (session: DashboardSession) => void,
  options: { deploymentEnv?: Record<string, string> } = {},
): void {
  let session: DashboardSession | undefined;
  beforeAll(async () => {
    session = await startDashboardSession(options);
    bind(session);
    // The run's first dashboard file also waits for `next build`: on a loaded 2-core machine (load 15,
    // backend tests beside it) build, stack and browser together once took over 300 s.
  }, 600_000);
  afterAll(() => session?.stop());
}
