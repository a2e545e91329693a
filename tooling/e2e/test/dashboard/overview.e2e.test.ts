// The dashboard's Overview in Debian's Chromium, signed in as the demo account the seed creates: empty
// at first, then the numbers of answers asked through the Playground and a widget conversation, against
// the stack `pnpm dev` starts and a production build of apps/web.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { publicMutation } from "../../src/convex-http.ts";
import type { Stack } from "../../src/stack.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];
/** What the Playground said each answer came from, as its source badge showed it. */
const playgroundSources: string[] = [];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors } = session));

async function openOverview() {
  await app.byTestId("nav-overview").click();
  await page.waitForURL("**/overview");
}

async function askInPlayground(question: string, email: string) {
  await app.askPlayground(question, email);
  await app.playgroundAnswer(email).waitFor({ timeout: 60_000 });
  const source = await app.byTestId("source-badge").getAttribute("data-source");
  playgroundSources.push(source ?? "missing");
}

const dataValue = (testId: string) => app.byTestId(testId).getAttribute("data-value");
const primaryFill = () =>
  page
    .locator('[data-testid="overview-chart-conversations"] rect.fill-primary')
    .first()
    .evaluate((rect) => getComputedStyle(rect).fill);

describe("the demo organization's Overview", () => {
  it("is where signing in lands, first and empty, pointing to the widget and the Playground", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await page.waitForURL("**/overview", { timeout: 30_000 });
    const firstEntry = page.locator('nav[aria-label="Main"] a').first();
    expect(await firstEntry.getAttribute("data-testid")).toBe("nav-overview");
    expect(await firstEntry.getAttribute("aria-current")).toBe("page");
    const empty = app.byTestId("overview-empty");
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.innerText()).toMatch(/No conversations yet/);
    const links = await empty.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/widget", "/playground"]);
  });

  it("counts Playground answers and a widget conversation as they are saved", async () => {
    await app.nav("playground");
    await askInPlayground("where is my order #1001?", "alice@example.com");
    await askInPlayground("where is my order #1001?", "bob@example.com");
    expect(playgroundSources[0]).toBe("database");

    const { sessionToken } = await publicMutation<{ sessionToken: string }>(
      stack,
      "public/contactSessions:start",
      {
        organizationId: stack.dev.seed.organizationId,
        name: "Carol Guest",
        email: "carol@example.com",
      },
    );
    const { conversationId } = await publicMutation<{ conversationId: string }>(
      stack,
      "public/conversations:start",
      { sessionToken },
    );
    await publicMutation(stack, "public/messages:send", {
      sessionToken,
      conversationId,
      text: "I want to talk to a human",
    });

    await openOverview();
    // The widget's reply is saved by the agent a moment later; the live query brings it in.
    await expect.poll(() => dataValue("overview-answers-total"), { timeout: 60_000 }).toBe("3");
    const fromDatabase = playgroundSources.filter((source) => source === "database").length;
    expect(await app.byTestId("overview-card-conversations-value").innerText()).toBe("1");
    expect(await app.byTestId("overview-card-conversations").innerText()).toMatch(/1 escalated/);
    expect(await app.byTestId("overview-card-resolution-value").innerText()).toBe("0%");
    expect(await app.byTestId("overview-card-database-value").innerText()).toBe(
      `${Math.round((fromDatabase / 3) * 100)}%`,
    );
    expect(await app.byTestId("overview-answers-total").innerText()).toMatch(
      new RegExp(`^${fromDatabase} of 3 answers \\(0 through the API, 2 from the Playground\\)$`),
    );
    expect(await app.byTestId("overview-lookups-database").getAttribute("data-count")).toBe(
      String(fromDatabase),
    );
    expect(await app.byTestId("overview-card-latency-value").innerText()).toMatch(/^[\d,]+ ms$/);
    // The database's lookup time is there, since at least Alice's answer came from it.
    expect(await app.byTestId("overview-lookups-database").innerText()).toMatch(
      /Lookup p50 [\d,]+ ms · p95 [\d,]+ ms over \d+ lookups?/,
    );

    const answersChart = app.byTestId("overview-chart-answers");
    expect(await answersChart.getAttribute("role")).toBe("img");
    const label = (await answersChart.getAttribute("aria-label")) ?? "";
    expect(label).toContain("last 7 days: 3 answers");
    expect(label).toContain(`${fromDatabase} Database`);
    expect(label).toContain("1 Escalated");
    const today = page.locator('[data-testid="overview-chart-answers-day"]').last();
    expect(await today.getAttribute("data-total")).toBe("3");
    expect(await today.locator("title").textContent()).toMatch(/: 3 \(Database: \d/);
    expect(await app.byTestId("overview-chart-conversations").getAttribute("aria-label")).toContain(
      "1 conversation.",
    );
    expect(await app.byTestId("overview-chart-latency").getAttribute("aria-label")).toMatch(
      /p50 [\d,]+ ms and p95 [\d,]+ ms over 3 answers/,
    );
  });

  it("the period picker changes the range, by click and by arrow key", async () => {
    const days = () => page.locator('[data-testid="overview-chart-answers-day"]').count();
    expect(await days()).toBe(7);
    await app.byTestId("overview-period-14").click();
    await page.locator('[data-testid="overview"][data-days="14"]').waitFor({ timeout: 30_000 });
    expect(await days()).toBe(14);
    expect(await app.byTestId("overview-period-14").getAttribute("aria-checked")).toBe("true");
    expect(await app.byTestId("overview-chart-answers").getAttribute("aria-label")).toContain(
      "last 14 days: 3 answers",
    );
    await page.keyboard.press("ArrowRight");
    await page.locator('[data-testid="overview"][data-days="30"]').waitFor({ timeout: 30_000 });
    expect(await days()).toBe(30);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("overview-period-30");
    await app.byTestId("overview-period-7").click();
    await page.locator('[data-testid="overview"][data-days="7"]').waitFor({ timeout: 30_000 });
  });

  it("draws with the theme's colours in dark mode, and saves the screenshot", async () => {
    const light = await primaryFill();
    await app.byTestId("theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await expect.poll(primaryFill).not.toBe(light);
    await app.byTestId("theme-toggle").click();
    await expect.poll(primaryFill).toBe(light);

    // A tall viewport rather than fullPage (which draws the sticky sidebar mid-page); toasts gone first.
    await page.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-overview.png` });
    if (viewport) await page.setViewportSize(viewport);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
