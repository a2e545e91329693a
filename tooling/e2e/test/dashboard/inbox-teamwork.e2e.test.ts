// Two operators working the inbox together in two browsers, and a customer in the widget: the inbox
// stays open past several access tokens without an error; assignment shows live to the other operator
// and as a line in the thread; a note stays out of the widget; a saved reply goes in with `/`; the
// widget names the operator who answered and says when they joined.
// Access tokens live 30 s here (AUTH_TOKEN_LIFETIME_SECONDS) so the inbox sees several refreshes.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
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

const TOKEN_LIFETIME_SECONDS = 30;
const TEAMMATE = { name: "Tom Teammate", email: "tom@brightside.test", password: "correct horse battery" };
const CUSTOMER = { name: "Gina Guest", email: "gina.guest@example.com" };

let session: DashboardSession;
let owner: DashboardPage;
let teammateBrowser: Browser | undefined;
let teammate: DashboardPage;
let widget: WidgetPage;
let conversationId = "";
const pageErrors: Error[] = [];

dashboardSessionForFile(
  (started) => {
    session = started;
    owner = started.app;
  },
  { deploymentEnv: { AUTH_TOKEN_LIFETIME_SECONDS: String(TOKEN_LIFETIME_SECONDS) } },
);
// Registered after the session's own afterAll, so it runs first (Vitest runs after-hooks as a stack).
afterAll(() => teammateBrowser?.close());

/** Counts every error panel that appears on the page from now on (even one "Try again" would hide). */
async function watchErrorPanels(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { errorPanelsSeen: seen });
    new MutationObserver(() => {
      for (const panel of Array.from(document.querySelectorAll('[data-testid="error-panel"]'))) {
        const text = panel.textContent ?? "";
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { errorPanelsSeen: string[] }).errorPanelsSeen);
}

async function openConversation(app: DashboardPage) {
  const item = app.inboxItem(conversationId);
  await item.waitFor({ timeout: 60_000 });
  await item.click();
  await app.byTestId("thread").waitFor({ timeout: 30_000 });
}

describe("two operators and a customer", () => {
  it("signs the owner in and a teammate up from an invitation, in a second browser", async () => {
    ({ browser: teammateBrowser, app: teammate } = await ownerInvitesTeammate(session, TEAMMATE, pageErrors));
  });

  it("a guest asks the widget for a person; the conversation is unassigned in the inbox", async () => {
    const page = await session.browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.goto(`${session.stack.dev.widget.demoUrl}/guest`);
    widget = new WidgetPage(page);
    await widget.open();
    await widget.startAsGuest(CUSTOMER.name, CUSTOMER.email);
    await widget.ask("I want to talk to a human please", 60_000);

    await owner.nav("conversations");
    await owner.byTestId("assignee-unassigned").click();
    await owner.page.waitForURL("**/conversations?assignee=unassigned");
    const item = owner.page.locator('[data-testid="inbox-item"]', { hasText: CUSTOMER.email });
    await item.waitFor({ timeout: 60_000 });
    conversationId = (await item.getAttribute("data-id")) ?? "";
    expect(conversationId).not.toBe("");
  });

  it("keeps the open conversation on screen past several access tokens, with no error", async () => {
    // The page's access token really is a short one.
    const lifetime = await owner.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("__convexAuthJWT"));
      const payload = JSON.parse(atob(localStorage.getItem(key ?? "")!.split(".")[1]!)) as {
        iat: number;
        exp: number;
      };
      return payload.exp - payload.iat;
    });
    expect(lifetime).toBe(TOKEN_LIFETIME_SECONDS);
    await openConversation(owner);
    const seen = await watchErrorPanels(owner.page);
    // Three token lifetimes: each refresh re-authenticates the open WebSocket while the thread's
    // queries are mounted.
    await owner.page.waitForTimeout(TOKEN_LIFETIME_SECONDS * 3 * 1000 + 5_000);
    expect(await seen()).toEqual([]);
    expect(await owner.byTestId("thread").getAttribute("data-id")).toBe(conversationId);
    // Still live: a message from the customer shows without a reload.
    await widget.composer.fill("Are you still there?");
    await widget.composer.press("Enter");
    await expect
      .poll(() => owner.byTestId("thread-messages").innerText(), { timeout: 30_000 })
      .toContain("Are you still there?");
    expect(await seen()).toEqual([]);
  }, 180_000);

  it("the teammate sees the owner take the conversation, live, as a line in the thread and under Mine", async () => {
    await teammate.nav("conversations");
    await openConversation(teammate);
    await owner.byTestId("assign-me").click();
    await expect
      .poll(() => teammate.byTestId("thread-event").allInnerTexts(), { timeout: 30_000 })
      .toEqual([expect.stringMatching(/^Demo Admin took the conversation/)]);
    await expect
      .poll(() => teammate.byTestId("assignee-select").inputValue(), { timeout: 30_000 })
      .not.toBe("");
    // The owner's "Mine" lists it; the teammate's does not, until it is reassigned to them.
    await owner.byTestId("assignee-mine").click();
    await owner.inboxItem(conversationId).waitFor({ timeout: 30_000 });
    await teammate.byTestId("assignee-mine").click();
    await teammate.byTestId("inbox-empty").waitFor({ timeout: 30_000 });
    await owner.byTestId("assignee-select").selectOption({ label: TEAMMATE.name });
    await teammate.inboxItem(conversationId).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => owner.byTestId("thread-event").allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(`^Demo Admin assigned the conversation to ${TEAMMATE.name}`));
  });

  it("a note shows amber in both inboxes and never in the widget", async () => {
    await openConversation(teammate);
    await teammate.byTestId("composer-note").click();
    await teammate.byTestId("reply-text").fill("Gina is a wholesale lead, loop in sales before quoting");
    await teammate.byTestId("reply-send").click();
    const note = owner.byTestId("thread-note");
    await note.waitFor({ timeout: 30_000 });
    expect(await note.innerText()).toMatch(/Note — only your team sees this/);
    expect(await note.innerText()).toContain("wholesale lead");
    // The widget has the customer's thread only.
    await widget.composer.fill("Thanks!");
    await widget.composer.press("Enter");
    await expect
      .poll(() => widget.byTestId("messages").innerText(), { timeout: 30_000 })
      .toContain("Thanks!");
    expect(await widget.byTestId("messages").innerText()).not.toContain("wholesale");
  });

  it("the owner adds a saved reply; the teammate inserts it with / and the customer's name filled in", async () => {
    await owner.byTestId("saved-reply-title").fill("Shipping times");
    await owner
      .byTestId("saved-reply-text")
      .fill("Hi {{customer.name}}, orders ship within 2 business days.");
    await owner.byTestId("saved-reply-add").click();

    await teammate.byTestId("composer-reply").click();
    const box = teammate.byTestId("reply-text");
    await box.fill("");
    await box.pressSequentially("/ship");
    await teammate.byTestId("saved-reply-option").first().waitFor({ timeout: 30_000 });
    expect(await teammate.byTestId("saved-reply-option").allInnerTexts()).toEqual([
      expect.stringContaining("Shipping times"),
    ]);
    await box.press("Enter");
    await expect
      .poll(() => box.inputValue())
      .toBe(`Hi ${CUSTOMER.name}, orders ship within 2 business days.`);
    await teammate.byTestId("reply-send").click();
    await teammate.screenshot(`${SCREENSHOTS}dashboard-inbox-teamwork.png`);
  });

  it("the widget shows the reply with the teammate's name and initials, and that they joined", async () => {
    const reply = widget.frame.locator('[data-testid="message"][data-operator="true"]');
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.innerText()).toContain(`Hi ${CUSTOMER.name}, orders ship within 2 business days.`);
    expect(await reply.getByTestId("operator-name").innerText()).toContain(TEAMMATE.name);
    expect(await reply.getByTestId("operator-avatar").innerText()).toBe("TT");
    const notices = await widget.byTestId("operator-notice").allInnerTexts();
    expect(notices).toContain(`${TEAMMATE.name} joined the conversation`);
    expect(notices).toContain(`${DEMO_ACCOUNT.name} left the conversation`);
    expect(await widget.byTestId("messages").innerText()).not.toContain("wholesale");
    await widget.page.screenshot({ path: `${SCREENSHOTS}widget-operator-reply.png` });
  });

  it("finds the conversation by the customer's e-mail and by a word of a message, from the address", async () => {
    const search = owner.byTestId("inbox-search");
    await search.fill(CUSTOMER.email);
    await search.press("Enter");
    await owner.page.waitForURL(/[?&]q=/);
    await owner.byTestId("search-results").waitFor({ timeout: 30_000 });
    await expect.poll(() => owner.byTestId("inbox-item").count(), { timeout: 30_000 }).toBe(1);
    expect(await owner.byTestId("inbox-item").getAttribute("data-id")).toBe(conversationId);
    await search.fill("still there");
    await search.press("Enter");
    await expect
      .poll(() => owner.byTestId("inbox-item").getAttribute("data-id"), { timeout: 30_000 })
      .toBe(conversationId);
    // A note's words are the team's: not searchable, like everything else outside the thread.
    await search.fill("wholesale");
    await search.press("Enter");
    await owner.byTestId("search-empty").waitFor({ timeout: 30_000 });
  });

  it("had no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
