// Issue 16 item 5: a reply that is a wide table (Alice's orders: a dozen columns) is readable in the
// widget on a 320 px phone, and the dashboard's playground renders the same reply the same way.
// Runs on the dashboard session (the `pnpm dev` stack, Chromium, a production build of apps/web): the
// stack serves the demo shop with the widget too.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Browser } from "../src/browser.ts";
import type { DashboardPage } from "../src/dashboard/dashboard-page.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../src/dashboard/dashboard-session.ts";
import { measureReply, scrollsSideways, type ReplyLayout } from "../src/reply-layout.ts";
import type { Stack } from "../src/stack.ts";
import { WidgetPage } from "../src/widget-page.ts";

const QUESTION = "show my orders";
let stack: Stack;
let browser: Browser;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, browser, app, page, pageErrors } = session));

/** What the widget showed, for the playground to be compared with. */
let widgetLayout: ReplyLayout;

describe("a reply with a wide table", () => {
  it("is readable in the widget at 320 px: cards, no letter-per-line text, a sane height, no sideways scroll", async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 320, height: 720 });
    const errors: Error[] = [];
    phone.on("pageerror", (error) => errors.push(error));
    // The demo shop signs its customer (Alice) in with the shop's signature: a verified customer.
    await phone.goto(`${stack.dev.widget.demoUrl}/`);
    const widget = new WidgetPage(phone);
    await widget.open();
    await widget.composer.waitFor();
    // Focused once the session is ready (as widget.e2e.test.ts waits): a message typed earlier is lost.
    await expect.poll(() => widget.composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await widget.ask(QUESTION);
    const reply = widget.assistantMessages().last();
    await reply.locator('[data-testid="reply-table-cards"]').waitFor();

    widgetLayout = await measureReply(reply);
    // The question must still produce a wide table, or this test no longer tests one.
    expect(widgetLayout.cards.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...widgetLayout.cards.map((card) => card.length))).toBeGreaterThanOrEqual(10);
    expect(widgetLayout.squeezedTexts).toEqual([]);
    for (const box of widgetLayout.boxes) expect(box.width, box.kind).toBeGreaterThanOrEqual(40);
    expect(widgetLayout.height).toBeLessThan(1200);
    console.info(
      `widget reply at 320 px: ${widgetLayout.cards.length} cards, ` +
        `${Math.max(...widgetLayout.cards.map((card) => card.length))} fields in the widest, ` +
        `${Math.round(widgetLayout.height)} px tall, narrowest card ` +
        `${Math.round(Math.min(...widgetLayout.boxes.map((box) => box.width)))} px`,
    );
    expect(await reply.innerText()).not.toMatch(/\|\s*---/);
    expect(await scrollsSideways(phone.locator("body"))).toBe(false);
    expect(await scrollsSideways(widget.frame.locator("body"))).toBe(false);
    const log = widget.frame.locator(".ab-log");
    expect(await log.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await reply.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await phone.screenshot({ path: `${SCREENSHOTS}issue16-widget-table-320.png` });
    expect(errors).toEqual([]);
    await phone.close();
  });

  it("renders the same in the playground: the same cards, never raw pipes", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 30_000 });
    await app.nav("playground");
    await app.askPlayground(QUESTION, "alice@example.com");
    await app.playgroundAnswer("alice@example.com").waitFor({ timeout: 60_000 });
    const reply = app.byTestId("playground-reply");
    await reply.locator('[data-testid="reply-table-cards"]').waitFor();

    expect(await reply.innerText()).not.toMatch(/\|\s*---/);
    const layout = await measureReply(reply);
    expect(layout.cards).toEqual(widgetLayout.cards);
    expect(layout.squeezedTexts).toEqual([]);

    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}issue16-playground-table.png`, fullPage: true });
  });

  it("renders the same in the inbox thread of the widget's conversation", async () => {
    await app.nav("conversations");
    await app.byTestId("filter-all").click();
    await app.byTestId("inbox-item").first().click();
    const reply = page.locator('[data-testid="thread-message"][data-role="agent"]').last();
    await reply.locator('[data-testid="reply-table-cards"]').waitFor({ timeout: 30_000 });
    expect(await reply.innerText()).not.toMatch(/\|\s*---/);
    expect((await measureReply(reply)).cards).toEqual(widgetLayout.cards);
    expect(pageErrors).toEqual([]);
  });
});
