// The inbox's customer panel and reply notifications, with two operators in two browsers and customers
// in the widget: a verified customer's own rows (as the agent may read them) next to the thread, with
// "More"; a customer who typed the same e-mail without proof gets no rows and is marked unverified; a
// customer's reply in a conversation assigned to the teammate notifies the teammate (browser
// notification, navigation count, tab title), live, and not the owner.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "../../src/browser.ts";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";
import { ownerInvitesTeammate } from "../../src/dashboard/teammate.ts";
import { WidgetPage } from "../../src/widget-page.ts";

const TEAMMATE = { name: "Tess Teammate", email: "tess@brightside.test", password: "correct horse battery" };
const ALICE = "alice@example.com";

let session: DashboardSession;
let owner: DashboardPage;
let teammateBrowser: Browser | undefined;
let teammate: DashboardPage;
let alice: WidgetPage;
let conversationId = "";
const pageErrors: Error[] = [];

dashboardSessionForFile((started) => {
  session = started;
  owner = started.app;
});
// Registered after the session's own afterAll, so it runs first (Vitest runs after-hooks as a stack).
afterAll(() => teammateBrowser?.close());

const shown = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications,
  );
const unreadCount = async (app: DashboardPage) => {
  const badge = app.byTestId("nav-unread");
  return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute("data-count"));
};

describe("the customer panel and reply notifications", () => {
  // Two sign-ins, a sign-up and a reload: over a minute on a busy 2-core machine.
  it(
    "signs the owner in and a teammate up from an invitation, who turns notifications on",
    { timeout: 180_000 },
    async () => {
      ({ browser: teammateBrowser, app: teammate } = await ownerInvitesTeammate(
        session,
        TEAMMATE,
        pageErrors,
      ));
      const page = teammate.page;

      const enable = teammate.byTestId("notifications-enable");
      await enable.waitFor({ timeout: 30_000 });
      await enable.click();
      await enable.waitFor({ state: "detached" });
      // Granted (headless Chromium cannot click the prompt); notifications are recorded as the page makes them.
      await teammateBrowser.context.grantPermissions(["notifications"], {
        origin: new URL(page.url()).origin,
      });
      await page.addInitScript(() => {
        const recorded: { title: string; body: string }[] = [];
        // A proxy, so Notification.permission and requestPermission still read the real ones.
        const Recorded = new Proxy(window.Notification, {
          construct(target, args: [string, NotificationOptions?]) {
            recorded.push({ title: args[0], body: args[1]?.body ?? "" });
            return Reflect.construct(target, args);
          },
          get(target, property) {
            const value: unknown = Reflect.get(target, property);
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
        Object.assign(window, { shownNotifications: recorded, Notification: Recorded });
      });
      await page.reload();
      await teammate.byTestId("nav-conversations").waitFor({ timeout: 30_000 });
    },
  );

  it("Alice, signed in on the demo shop, asks for a person", async () => {
    const page = await session.browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.goto(`${session.stack.dev.widget.demoUrl}/`);
    alice = new WidgetPage(page);
    await alice.open();
    await alice.composer.waitFor({ timeout: 30_000 });
    await alice.ask("I want to talk to a human please", 60_000);

    await owner.nav("conversations");
    const item = owner.page.locator('[data-testid="inbox-item"]', { hasText: ALICE }).first();
    await item.waitFor({ timeout: 60_000 });
    conversationId = (await item.getAttribute("data-id")) ?? "";
    expect(conversationId).not.toBe("");
    await item.click();
    await owner.byTestId("thread").waitFor({ timeout: 30_000 });
  });

  it("the panel shows how Alice was verified and her own rows, a few per table, the rest on More", async () => {
    const panel = owner.byTestId("customer-panel");
    await panel.waitFor({ timeout: 30_000 });
    const identity = owner.byTestId("customer-identity");
    expect(await identity.getAttribute("data-kind")).toBe("verified");
    expect(await identity.innerText()).toContain(`${ALICE}: verified by the site's signature`);

    const orders = owner.page.locator('[data-testid="customer-table"][data-table="public.orders"]');
    await orders.waitFor({ timeout: 60_000 });
    const orderText = await orders.innerText();
    for (const number of ["1001", "1007", "1012"]) expect(orderText).toContain(number);
    // Bob's order, and a public table, are not Alice's.
    expect(orderText).not.toContain("1002");
    expect(
      await owner.page.locator('[data-testid="customer-table"][data-table="public.products"]').count(),
    ).toBe(0);

    // Her three orders have six lines: five, then the sixth on "More".
    const lines = owner.page.locator('[data-testid="customer-table"][data-table="public.order_items"]');
    await expect.poll(() => lines.locator("tbody tr").count()).toBe(5);
    await lines.getByTestId("customer-table-more").click();
    await expect.poll(() => lines.locator("tbody tr").count(), { timeout: 30_000 }).toBe(6);
    await lines.getByTestId("customer-table-more").waitFor({ state: "detached" });
    await panel.scrollIntoViewIfNeeded();
    await owner.screenshot(`${SCREENSHOTS}dashboard-inbox-customer.png`);
  });

  it("a reply in a conversation assigned to the teammate notifies the teammate, live, not the owner", async () => {
    // The teammate has read the escalation; then the owner gives them the conversation.
    await teammate.goto(`/conversations?c=${conversationId}`);
    await teammate.byTestId("thread").waitFor({ timeout: 30_000 });
    await teammate.nav("overview");
    await owner.byTestId("assignee-select").selectOption({ label: TEAMMATE.name });
    await expect
      .poll(() => owner.byTestId("thread-event").allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(`assigned the conversation to ${TEAMMATE.name}`));
    const before = await unreadCount(teammate);
    const ownerBefore = await unreadCount(owner);
    const notificationsBefore = (await shown(teammate.page)).length;

    await alice.composer.fill("Has order 1001 shipped yet?");
    await alice.composer.press("Enter");
    await expect
      .poll(async () => (await shown(teammate.page)).slice(notificationsBefore), { timeout: 30_000 })
      .toEqual([{ title: "New reply in your conversation", body: "Has order 1001 shipped yet?" }]);
    await expect.poll(() => teammate.page.title()).toMatch(new RegExp(`^\\(${before + 1}\\) `));
    // The owner has the thread open and it is not theirs: their count does not change.
    await owner.page.waitForTimeout(2_000);
    expect(await unreadCount(owner)).toBe(ownerBefore);

    // Opening it reads it for the teammate.
    await teammate.goto(`/conversations?c=${conversationId}`);
    await teammate.byTestId("thread").waitFor({ timeout: 30_000 });
    await expect.poll(() => unreadCount(teammate), { timeout: 30_000 }).toBe(before);
  });

  it("someone who types Alice's e-mail without proof gets no rows; her verified conversation is listed", async () => {
    const page = await session.browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.goto(`${session.stack.dev.widget.demoUrl}/guest`);
    const guest = new WidgetPage(page);
    await guest.open();
    await guest.startAsGuest("Not Alice", ALICE);
    await guest.ask("I want to talk to a human please", 60_000);

    await owner.nav("conversations");
    const item = owner.page.locator('[data-testid="inbox-item"]', { hasText: "Not Alice" }).first();
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    const identity = owner.byTestId("customer-identity");
    await expect.poll(() => identity.getAttribute("data-kind"), { timeout: 30_000 }).toBe("unverified");
    expect(await identity.innerText()).toContain("not verified");
    expect(await owner.byTestId("customer-rows").count()).toBe(0);
    expect(await owner.byTestId("customer-table").count()).toBe(0);
    const earlier = owner.byTestId("customer-past-link");
    await earlier.first().waitFor({ timeout: 30_000 });
    await earlier.filter({ hasText: "Has order 1001 shipped yet?" }).click();
    await owner.page.waitForURL(`**/conversations?c=${conversationId}`);
    await expect
      .poll(() => owner.byTestId("thread").getAttribute("data-id"), { timeout: 30_000 })
      .toBe(conversationId);
  });

  it("had no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
