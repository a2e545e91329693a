// The dashboard's Playground and Conversations inbox in Debian's Chromium, signed in as the demo
// account the seed creates (its database connected, orders shared per customer), against the stack
// `pnpm dev` starts and a production build of apps/web.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { publicMutation } from "../../src/convex-http.ts";
import type { Stack } from "../../src/stack.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

const TRACKING = "1Z999AA10123456784"; // Alice's order #1001
let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors } = session));

/** A widget customer (unverified) with a conversation, over the public functions the widget calls. */
async function startCustomer(name: string, email: string) {
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
    {
      sessionToken,
    },
  );
  const ask = (text: string) =>
    publicMutation(stack, "public/messages:send", { sessionToken, conversationId, text });
  return { conversationId, ask };
}

const agentMessages = () => page.locator('[data-testid="thread-message"][data-role="agent"]');

describe("the demo organization's admin", () => {
  it("signs in and asks the playground as Alice: her order's tracking number", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 30_000 });
    await app.nav("playground");
    await app.askPlayground("where is my order #1001?", "alice@example.com");
    const answer = app.playgroundAnswer("alice@example.com");
    await answer.waitFor({ timeout: 60_000 });
    await expect.poll(() => app.byTestId("playground-reply").innerText()).toContain(TRACKING);
    expect(await app.byTestId("source-badge").getAttribute("data-source")).toBe("database");
    expect(await app.byTestId("answer-sources").innerText()).toMatch(/orders/);
    expect(await app.byTestId("timing-total").innerText()).toMatch(/^Total [\d,]+ ms$/);
    expect(await app.byTestId("timing-database").innerText()).toMatch(/Database \d+ ms/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-playground.png`, fullPage: true });
  });

  it("asks the same as Bob and does not get Alice's tracking number", async () => {
    await app.askPlayground("where is my order #1001?", "bob@example.com");
    await app.playgroundAnswer("bob@example.com").waitFor({ timeout: 60_000 });
    expect(await app.byTestId("playground-reply").innerText()).not.toContain(TRACKING);
  });

  it("sees a customer's request for a human under Escalated, replies, and sees the reply in the thread", async () => {
    const carol = await startCustomer("Carol Guest", "carol@example.com");
    const { conversationId } = carol;
    await carol.ask("I want to talk to a human");

    await app.nav("conversations");
    await app.byTestId("filter-escalated").click();
    const item = app.inboxItem(conversationId);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.getAttribute("data-status")).toBe("escalated");
    expect(await item.innerText()).toContain("carol@example.com");
    await item.click();
    await app.byTestId("thread").waitFor();
    await expect
      .poll(() => app.byTestId("thread-messages").innerText(), { timeout: 30_000 })
      .toContain("I want to talk to a human");

    // An empty reply is refused in place.
    await app.byTestId("reply-send").click();
    await expect.poll(() => app.byTestId("reply-error").innerText()).toMatch(/Write a reply/);
    await app.byTestId("reply-text").fill("Hi Carol, this is Ada from the shop. How can I help?");
    await app.byTestId("reply-send").click();
    await expect
      .poll(() => page.locator('[data-testid="thread-message"][data-role="operator"]').innerText())
      .toContain("this is Ada from the shop");
    expect(await app.byTestId("reply-text").inputValue()).toBe("");
    // The answer's sources and timings sit under the agent's reply, before the operator's.
    const thread = await app.byTestId("thread-messages").innerText();
    expect(thread.indexOf("Total")).toBeLessThan(thread.indexOf("this is Ada from the shop"));
    await app.screenshot(`${SCREENSHOTS}dashboard-inbox.png`);
  });

  it("watches the agent's reply arrive in the open thread, without a reload, shown once", async () => {
    const dana = await startCustomer("Dana Guest", "dana@example.com");
    await dana.ask("Hello, do you ship to Canada?");
    await app.byTestId("filter-all").click();
    const item = app.inboxItem(dana.conversationId);
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    await expect.poll(() => agentMessages().count(), { timeout: 60_000 }).toBe(1);

    // Mark this page load, and note every reply-in-progress the thread shows from here on.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { threadLoad: "still-open", streamingSeen: seen });
      new MutationObserver(() => {
        const bubble = document.querySelector('[data-testid="streaming-reply"]');
        if (bubble) seen.push(bubble.textContent ?? "");
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // The database answers this one slowly (the local cloud's fault switch on Neon's /sql), so the
    // lookup visibly takes time whatever the machine's speed: a fast reply can otherwise finish between
    // two updates of the page and never show its in-progress bubble.
    stack.dev.stack.cloud.faults.add({ service: "neon", operation: "sql", delayMs: 1_500, times: 4 });
    await dana.ask("Is the Bamboo Cutting Board in stock?");
    await expect
      .poll(() => app.byTestId("thread-messages").innerText(), { timeout: 60_000 })
      .toContain("Is the Bamboo Cutting Board in stock?");
    await expect.poll(() => agentMessages().count(), { timeout: 60_000 }).toBe(2);
    stack.dev.stack.cloud.faults.clear();
    expect(await agentMessages().last().innerText()).toMatch(/Bamboo Cutting Board/);
    // The in-progress bubble went away when the saved reply came: the reply shows exactly once.
    expect(await app.byTestId("streaming-reply").count()).toBe(0);
    const marks = await page.evaluate(() => {
      const { threadLoad, streamingSeen } = window as unknown as {
        threadLoad: string;
        streamingSeen: string[];
      };
      return { threadLoad, streamingSeen };
    });
    expect(marks.threadLoad).toBe("still-open");
    // While the agent looked the product up, the thread showed it typing.
    expect(marks.streamingSeen.length).toBeGreaterThan(0);
  });

  it("keeps the open conversation and the filter in the address: a reload, Back and a shared link open it; a wrong link says so", async () => {
    const carol = await startCustomer("Carol Linked", "carol.linked@example.com");
    const erin = await startCustomer("Erin Linked", "erin.linked@example.com");
    await carol.ask("I want to talk to a human");
    await erin.ask("Hello, do you ship to Canada?");
    const thread = app.byTestId("thread");
    const query = () => new URL(page.url()).searchParams;

    await app.byTestId("filter-all").click();
    await app.inboxItem(carol.conversationId).click();
    await expect.poll(() => thread.getAttribute("data-id")).toBe(carol.conversationId);
    await app.inboxItem(erin.conversationId).click();
    await expect.poll(() => thread.getAttribute("data-id")).toBe(erin.conversationId);
    expect(query().get("c")).toBe(erin.conversationId);

    await page.reload();
    await expect.poll(() => thread.getAttribute("data-id"), { timeout: 30_000 }).toBe(erin.conversationId);
    await page.goBack();
    await expect.poll(() => thread.getAttribute("data-id"), { timeout: 30_000 }).toBe(carol.conversationId);

    // A link a colleague shares: the filter and the conversation.
    await app.goto(`/conversations?status=escalated&c=${carol.conversationId}`);
    await expect.poll(() => thread.getAttribute("data-id"), { timeout: 30_000 }).toBe(carol.conversationId);
    expect(await app.byTestId("filter-escalated").getAttribute("aria-selected")).toBe("true");
    await app.inboxItem(carol.conversationId).waitFor({ timeout: 30_000 });
    expect(await app.inboxItem(erin.conversationId).count()).toBe(0);

    await app.goto("/conversations?c=not-a-conversation");
    const notFound = app.byTestId("thread-not-found");
    await notFound.waitFor({ timeout: 30_000 });
    expect(await notFound.innerText()).toMatch(/does not point to a conversation of/);
    await notFound.getByRole("button", { name: "Back to the inbox" }).click();
    await app.byTestId("thread-none").waitFor();
    expect(query().has("c")).toBe(false);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
