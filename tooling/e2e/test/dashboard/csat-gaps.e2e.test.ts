// Customer satisfaction and content gaps in Debian's Chromium. A customer escalates in the widget on the
// demo shop, an operator replies and resolves in the dashboard, the widget asks "How did we do?", and the
// rating and the escalation's response and resolution times appear on the Overview, live. Questions the
// agent cannot answer show as one group on Content gaps; an article written from it resolves the group
// once it is indexed and the knowledge search finds it. A new escalation raises the Conversations item's
// unread count and the tab title live and shows a browser notification; opening it clears both.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";
import type { Stack } from "../../src/stack.ts";
import { publicMutation } from "../../src/convex-http.ts";
import { WidgetPage } from "../../src/widget-page.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];
let browser: DashboardSession["browser"];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors, browser } = session));

describe("customer satisfaction", () => {
  let widget: WidgetPage;
  let shopPage: Page;
  const shopErrors: Error[] = [];

  it(
    "the operator resolves a customer's escalation; the widget asks for a rating and keeps it",
    { timeout: 240_000 },
    async () => {
      await app.goto("/sign-in");
      await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
      await app.byTestId("active-organization").waitFor({ timeout: 30_000 });

      shopPage = await browser.context.newPage();
      shopPage.on("pageerror", (error) => shopErrors.push(error));
      await shopPage.goto(`${stack.dev.widget.demoUrl}/`);
      widget = new WidgetPage(shopPage);
      await widget.open();
      await widget.composer.waitFor({ timeout: 30_000 });
      await widget.ask("I want to talk to a human please");
      await expect
        .poll(() => widget.byTestId("status-banner").getAttribute("data-status"), { timeout: 30_000 })
        .toBe("escalated");
      // No rating before a resolution.
      expect(await widget.byTestId("rating-form").count()).toBe(0);

      await app.nav("conversations");
      await app.byTestId("filter-escalated").click();
      const item = page.locator('[data-testid="inbox-item"]').first();
      await item.waitFor({ timeout: 60_000 });
      await item.click();
      await app.byTestId("thread").waitFor();
      await app.byTestId("reply-text").fill("Hi, this is Ada from the shop: your parcel left today.");
      await app.byTestId("reply-send").click();
      await expect
        .poll(() => widget.frame.locator("body").innerText(), { timeout: 30_000 })
        .toContain("your parcel left today");
      await app.byTestId("set-status-resolved").click();

      const form = widget.byTestId("rating-form");
      await form.waitFor({ timeout: 30_000 });
      await widget.byTestId("rating-5").click();
      await widget.byTestId("rating-comment").fill("Quick and kind, thank you!");
      await shopPage.screenshot({ path: `${SCREENSHOTS}widget-rating.png` });
      await widget.byTestId("rating-submit").click();
      const thanks = widget.byTestId("rating-thanks");
      await thanks.waitFor({ timeout: 30_000 });
      expect(await thanks.getAttribute("data-score")).toBe("5");
      // The rating stays after a reload: it is the conversation's, not the page's.
      await shopPage.reload();
      await widget.open();
      await widget.byTestId("inbox-button").click();
      await widget.byTestId("inbox-item").first().click();
      await expect
        .poll(() => widget.byTestId("rating-thanks").getAttribute("data-score"), { timeout: 30_000 })
        .toBe("5");
    },
  );

  it(
    "the Overview shows the rating as CSAT and the escalation's first-response and resolution times",
    { timeout: 120_000 },
    async () => {
      await app.nav("overview");
      const satisfaction = app.byTestId("satisfaction");
      await satisfaction.waitFor({ timeout: 30_000 });
      await expect.poll(() => satisfaction.getAttribute("data-ratings"), { timeout: 30_000 }).toBe("1");
      expect(await app.byTestId("satisfaction-csat").getAttribute("data-value")).toBe("1");
      expect(await app.byTestId("satisfaction-csat").innerText()).toMatch(/100%\s+CSAT from 1 rating/);
      expect(await app.byTestId("satisfaction-escalations").getAttribute("data-value")).toBe("1");
      expect(await app.byTestId("satisfaction-first-response").getAttribute("data-count")).toBe("1");
      expect(await app.byTestId("satisfaction-resolution").getAttribute("data-count")).toBe("1");
      expect(
        Number(await app.byTestId("satisfaction-first-response-p50").getAttribute("data-value")),
      ).toBeGreaterThan(0);

      // The customer changes their rating to 2: still one rating, and the Overview follows without a reload.
      const before = await app.byTestId("satisfaction-chart").getAttribute("aria-label");
      await widget.byTestId("rating-thanks").getByRole("button", { name: "Change" }).click();
      await widget.byTestId("rating-2").click();
      await widget.byTestId("rating-submit").click();
      await expect
        .poll(() => app.byTestId("satisfaction-csat").getAttribute("data-value"), { timeout: 30_000 })
        .toBe("0");
      expect(await satisfaction.getAttribute("data-ratings")).toBe("1");
      expect(await app.byTestId("satisfaction-chart").getAttribute("aria-label")).not.toBe(before);
      await satisfaction.scrollIntoViewIfNeeded();
      await app.screenshot(`${SCREENSHOTS}dashboard-overview-satisfaction.png`);
    },
  );

  it(
    "questions the agent could not answer form one group on Content gaps; an article resolves it",
    { timeout: 240_000 },
    async () => {
      const question = "Do you offer gift wrapping for birthdays?";
      for (const [name, email] of [
        ["Gina Guest", "gina@example.com"],
        ["Hugo Guest", "hugo@example.com"],
      ] as const) {
        const { sessionToken } = await publicMutation<{ sessionToken: string }>(
          stack,
          "public/contactSessions:start",
          {
            organizationId: stack.dev.seed.organizationId,
            name,
            email,
          },
        );
        const { conversationId } = await publicMutation<{ conversationId: string }>(
          stack,
          "public/conversations:start",
          { sessionToken },
        );
        await publicMutation(stack, "public/messages:send", { sessionToken, conversationId, text: question });
      }

      await app.nav("gaps");
      const gap = page.locator('[data-testid="gap"]').filter({ hasText: question });
      await expect.poll(() => gap.getAttribute("data-count"), { timeout: 90_000 }).toBe("2");
      expect(await gap.getByTestId("gap-examples").innerText()).toContain(question);
      await app.screenshot(`${SCREENSHOTS}dashboard-content-gaps.png`);

      await gap.getByTestId("gap-write-article").click();
      expect(await gap.getByTestId("gap-article-title").inputValue()).toBe(question);
      expect(await gap.getByTestId("gap-article-body").inputValue()).toContain(`- ${question}`);
      await gap
        .getByTestId("gap-article-body")
        .fill(
          `Customers asked: ${question}\n\nYes: gift wrapping for birthdays is free; tick "gift wrap" at checkout.`,
        );
      await gap.getByTestId("gap-article-publish").click();

      // Resolved only after the document is indexed and the knowledge search finds the question.
      const resolved = page.locator('[data-testid="gap-resolved"]').filter({ hasText: question });
      await resolved.waitFor({ timeout: 120_000 });
      expect(await resolved.innerText()).toContain(`answered by “${question}”`);
      await expect.poll(() => gap.count()).toBe(0);
      await app.nav("knowledge");
      const row = page.locator(
        '[data-testid="document-row"][data-name="do-you-offer-gift-wrapping-for-birthdays.md"]',
      );
      await row.waitFor({ timeout: 30_000 });
      expect(await row.innerText()).toContain(question);
    },
  );

  it(
    "a new escalation shows in the navigation, the tab title and a browser notification, live",
    { timeout: 180_000 },
    async () => {
      await app.nav("overview");
      const badge = app.byTestId("nav-unread");
      // What is already waiting (the content-gap questions above may have been escalated by the agent).
      const before = (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute("data-count"));

      // Asked once, on a click, and remembered.
      const enable = app.byTestId("notifications-enable");
      await enable.waitFor({ timeout: 30_000 });
      await enable.click();
      await enable.waitFor({ state: "detached" });
      expect(await page.evaluate(() => localStorage.getItem("answerbase.notifications.asked"))).toBe("1");
      // Granted (headless Chromium cannot click the prompt); notifications are recorded as the page makes them.
      await browser.context.grantPermissions(["notifications"], { origin: new URL(page.url()).origin });
      await page.addInitScript(() => {
        const shown: { title: string; body: string }[] = [];
        // A proxy, so Notification.permission and requestPermission still read the real ones.
        const Recorded = new Proxy(window.Notification, {
          construct(target, args: [string, NotificationOptions?]) {
            shown.push({ title: args[0], body: args[1]?.body ?? "" });
            return Reflect.construct(target, args);
          },
          get(target, property) {
            const value: unknown = Reflect.get(target, property);
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
        Object.assign(window, { shownNotifications: shown, Notification: Recorded });
      });
      await page.reload();
      await app.byTestId("nav-conversations").waitFor({ timeout: 30_000 });
      expect(await enable.count()).toBe(0);

      const { sessionToken } = await publicMutation<{ sessionToken: string }>(
        stack,
        "public/contactSessions:start",
        {
          organizationId: stack.dev.seed.organizationId,
          name: "Ivy Guest",
          email: "ivy@example.com",
        },
      );
      const { conversationId } = await publicMutation<{ conversationId: string }>(
        stack,
        "public/conversations:start",
        {
          sessionToken,
        },
      );
      await publicMutation(stack, "public/conversations:escalate", { sessionToken, conversationId });

      await expect.poll(() => badge.getAttribute("data-count"), { timeout: 30_000 }).toBe(String(before + 1));
      await expect.poll(() => page.title()).toMatch(new RegExp(`^\\(${before + 1}\\) `));
      await expect
        .poll(() =>
          page.evaluate(
            () => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications,
          ),
        )
        .toEqual([{ title: "New escalation", body: "A customer is waiting for a person." }]);

      // Opening the conversation reads it for this operator.
      await app.goto(`/conversations?c=${conversationId}`);
      await app.byTestId("thread").waitFor({ timeout: 30_000 });
      if (before === 0) {
        await badge.waitFor({ state: "detached", timeout: 30_000 });
        await expect.poll(() => page.title()).not.toMatch(/^\(/);
      } else
        await expect.poll(() => badge.getAttribute("data-count"), { timeout: 30_000 }).toBe(String(before));
    },
  );

  it("had no uncaught errors in the pages", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
    expect(shopErrors.map((e) => e.message)).toEqual([]);
  });
});
