// The widget end to end in Debian's Chromium: the demo shop (http://localhost:<port>) embeds widget.js
// from the widget's origin (http://127.0.0.1:<port>), against the real local stack `pnpm dev` starts.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Browser } from "../src/browser.ts";
import { dropConnections } from "../src/convex-http.ts";
import { startStack, type Stack } from "../src/stack.ts";
import { WidgetPage } from "../src/widget-page.ts";

const SCREENSHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A fresh page on the demo shop; fails the test on any uncaught error in the host page. */
async function visit(
  path: string,
  onResponse?: (response: Response) => void,
): Promise<{ page: Page; widget: WidgetPage; errors: Error[] }> {
  const page = await browser.context.newPage();
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  if (onResponse) page.on("response", onResponse);
  await page.goto(`${stack.dev.widget.demoUrl}${path}`);
  return { page, widget: new WidgetPage(page), errors };
}

describe("a verified demo customer on the demo shop", () => {
  let widget: WidgetPage;
  let page: Page;

  it("opens the widget from another origin and is signed in by the shop's signature", async () => {
    const clientTokens: { status: number; url: string }[] = [];
    ({ page, widget } = await visit("/", (response) => {
      if (response.url().endsWith("/widget/clients") && response.request().method() === "POST")
        clientTokens.push({ status: response.status(), url: response.url() });
    }));
    expect(new URL(page.url()).origin).not.toBe(new URL(stack.dev.widget.widgetUrl).origin);
    await widget.launcher.waitFor();
    await widget.open();
    await widget.composer.waitFor();
    await expect.poll(() => widget.composer.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await widget.byTestId("contact-form").count()).toBe(0);
    expect(await widget.byTestId("guest-note").count()).toBe(0);
    expect(await widget.byTestId("suggestion").count()).toBeGreaterThan(0);
    // The session was started with a client token from the backend's HTTP route (cross-origin, CORS),
    // so this visitor's limits are their own.
    expect(clientTokens).toEqual([{ status: 200, url: `${stack.dev.convex.siteUrl}/widget/clients` }]);
  });

  it("asks for their order by number and gets its status and tracking from the database", async () => {
    const reply = await widget.ask("Where is my order #1001?");
    expect(reply).toContain("1Z999AA10123456784");
    expect(reply.toLowerCase()).toContain("shipped");
    await expect.poll(() => widget.byTestId("sources").last().innerText()).toContain("orders");
    await page.screenshot({ path: `${SCREENSHOTS}widget-order-status.png` });
  });

  it("asks a knowledge-base question and gets the document's answer", async () => {
    const reply = await widget.ask("How long do refunds take to reach my payment method?");
    expect(reply).toMatch(/5 business days/);
    await expect.poll(() => widget.byTestId("sources").last().innerText()).toContain("Returns and refunds");
  });

  it("asks for another customer's order and gets nothing of theirs", async () => {
    const reply = await widget.ask("And where is order #1002?");
    expect(reply).not.toContain("771234567890"); // Bob's FedEx tracking number
    expect(reply).not.toMatch(/Congress Ave|Austin/);
    expect(reply).not.toMatch(/1002/);
  });

  it("asks for a human and sees the escalation, in the chat and in the inbox", async () => {
    const reply = await widget.ask("I want to talk to a human please");
    expect(reply).toMatch(/support team/i);
    const banner = widget.byTestId("status-banner");
    await banner.waitFor();
    expect(await banner.getAttribute("data-status")).toBe("escalated");
    expect(await widget.byTestId("escalate-button").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}widget-escalated.png` });
    await widget.byTestId("inbox-button").click();
    const item = widget.byTestId("inbox-item").first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/With a person/);
    await page.close();
  });
});

describe("the host page stays the host's", () => {
  it("aggressive global CSS and the host's scripts are unaffected, and the widget still works", async () => {
    const measure = (page: Page) =>
      page.evaluate(() => {
        const styleOf = (selector: string) => {
          const style = getComputedStyle(document.querySelector(selector)!);
          return [
            style.color,
            style.fontFamily,
            style.width,
            style.height,
            style.background,
            style.transform,
          ];
        };
        return { title: styleOf("#shop-title"), button: styleOf("#host-counter"), body: styleOf("body") };
      });
    const bare = await visit("/aggressive?widget=0");
    const withoutWidget = await measure(bare.page);
    await bare.page.close();

    const { page, widget, errors } = await visit("/aggressive");
    await widget.launcher.waitFor();
    // The launcher is where the settings put it (bottom right), whatever the page's CSS says.
    const box = (await widget.launcher.boundingBox())!;
    expect(box.width).toBe(56);
    expect(box.x + box.width).toBeGreaterThan(1280 - 40);
    expect(box.y + box.height).toBeGreaterThan(800 - 40);
    expect(await measure(page)).toEqual(withoutWidget);
    // Only one global added; the host's own handlers still run.
    const added = await page.evaluate(() =>
      Object.keys(window).filter(
        (key) =>
          key !== "hostGlobalsBefore" &&
          !(window as unknown as { hostGlobalsBefore: string[] }).hostGlobalsBefore.includes(key),
      ),
    );
    expect(added).toEqual(["Answerbase"]);
    await page.locator("#host-counter").click();
    expect(await page.locator("#host-counter").innerText()).toBe("Clicked 1 times");

    await widget.open();
    expect(await widget.frameElement.isVisible()).toBe(true);
    await widget.startAsGuest("Visitor", "alice@example.com");
    // A typed-in e-mail is not proof: no customer rows for a guest.
    const reply = await widget.ask("Where is my order #1001?");
    expect(reply).not.toContain("1Z999AA10123456784");
    expect(reply).toMatch(/sign in/i);
    await page.screenshot({ path: `${SCREENSHOTS}widget-aggressive-host-page.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("bad input gives a clear state in the widget and never a broken host page", () => {
  it("a forged identity signature: the widget says it could not confirm the account", async () => {
    const { page, widget, errors } = await visit("/forged");
    await widget.open();
    await expect
      .poll(() => widget.byTestId("identity-notice").innerText())
      .toContain("could not confirm your account");
    await widget.byTestId("contact-form").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [path, message] of [
    ["/unknown-org", "unknown organization"],
    ["/missing-org", "did not give an organization id"],
  ] as const) {
    it(`${path}: the widget explains, the host page keeps working`, async () => {
      const { page, widget, errors } = await visit(path);
      await widget.open();
      await expect.poll(() => widget.byTestId("widget-unavailable").innerText()).toContain(message);
      await widget.byTestId("close-button").click();
      await page.locator("#host-counter").click();
      expect(await page.locator("#host-counter").innerText()).toBe("Clicked 1 times");
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("a dropped connection mid-reply: the widget says it is reconnecting, then the reply arrives", async () => {
    const { page, widget, errors } = await visit("/");
    await widget.open();
    await widget.composer.waitFor();
    const before = await widget.assistantMessages().count();
    await widget.composer.fill("Where is my order #1001?");
    await widget.composer.press("Enter");
    // A 3-second outage of the backend's WebSocket right after sending (local-convex's admin route).
    await dropConnections(stack, 3_000);
    await widget.byTestId("connection-banner").waitFor({ timeout: 10_000 });
    await widget.assistantMessages().nth(before).waitFor({ timeout: 30_000 });
    await widget.byTestId("connection-banner").waitFor({ state: "detached", timeout: 30_000 });
    await widget.byTestId("typing-indicator").waitFor({ state: "detached", timeout: 30_000 });
    expect(await widget.assistantMessages().last().innerText()).toContain("1Z999AA10123456784");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("blocked third-party storage: the shop page keeps the session, so a reload continues the chat", async () => {
    const blocked = await launchChromium({ blockThirdPartyStorage: true });
    try {
      const page = await blocked.context.newPage();
      await page.goto(`${stack.dev.widget.demoUrl}/guest`);
      const widget = new WidgetPage(page);
      await widget.open();
      await widget.byTestId("contact-form").waitFor();
      // The condition is real: the iframe's own storage is denied by the browser.
      const frame = page.frames().find((f) => f.url().startsWith(stack.dev.widget.widgetUrl))!;
      expect(
        await frame.evaluate(() => {
          try {
            return typeof window.localStorage.length;
          } catch (error) {
            return (error as Error).name;
          }
        }),
      ).toBe("SecurityError");
      await widget.startAsGuest("Visitor", "visitor@example.com");
      const reply = await widget.ask("How long do refunds take to reach my payment method?");
      expect(reply).toMatch(/5 business days/);

      await page.reload();
      await widget.open();
      await widget.composer.waitFor();
      expect(await widget.byTestId("contact-form").count()).toBe(0);
      expect(await widget.byTestId("storage-notice").count()).toBe(0);
      await widget.byTestId("inbox-button").click();
      await expect.poll(() => widget.byTestId("inbox-item").count()).toBe(1);
    } finally {
      await blocked.close();
    }
  });
});
