// Agent actions with approval gates, end to end in Debian's Chromium against the stack `pnpm dev`
// starts (its demo CRM included) and a production build of the dashboard: the demo shop's verified
// customer (Alice) asks the widget for refunds and a follow-up task; the demo organization's owner
// decides in the Approvals queue; the CRM's own records show what was done.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ActionsPage, ApprovalsPage } from "../../src/dashboard/actions-page.ts";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";
import { WidgetPage } from "../../src/widget-page.ts";

let session: DashboardSession;
let app: DashboardPage;
let shop: { page: Page; widget: WidgetPage };
const actions = () => new ActionsPage(app);
const approvals = () => new ApprovalsPage(app);

dashboardSessionForFile((started) => {
  session = started;
  app = started.app;
});

const crm = () => session.stack.dev.stack.crm.state;

/** The demo shop's signed-in customer with the widget open (the shop signs alice@example.com). */
async function openShop(): Promise<{ page: Page; widget: WidgetPage }> {
  const shopPage = await session.browser.context.newPage();
  shopPage.on("pageerror", (error) => session.pageErrors.push(error));
  await shopPage.goto(`${session.stack.dev.widget.demoUrl}/`);
  const widget = new WidgetPage(shopPage);
  await widget.open();
  await widget.composer.waitFor();
  return { page: shopPage, widget };
}

/** Asks in the widget and returns the id of the action card the reply brought, once it is `status`. */
async function askForAction(text: string, status: string): Promise<string> {
  const before = await shop.widget.byTestId("action-run").count();
  await shop.widget.ask(text, 60_000);
  const card = shop.widget.frame.locator('[data-testid="action-run"]').nth(before);
  await card.waitFor({ timeout: 30_000 });
  await expect.poll(() => card.getAttribute("data-status"), { timeout: 30_000 }).toBe(status);
  return (await card.getAttribute("data-run-id"))!;
}

const widgetCard = (runId: string) =>
  shop.widget.frame.locator(`[data-testid="action-run"][data-run-id="${runId}"]`);

// Generous timeouts: on a shared machine the backend may be restarting mid-test.
describe("agent actions with approval gates", { timeout: 240_000 }, () => {
  it("the owner sees the seeded actions, a template naming no input is refused at its field, and Test action masks the secret", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 60_000 });
    await actions().open();
    for (const name of ["request_refund", "create_follow_up_task", "look_up_crm_record"])
      await actions().item(name).waitFor({ timeout: 60_000 });

    await app.byTestId("action-new").click();
    await app.byTestId("action-url").fill(`${session.stack.dev.stack.crm.url}/customers/{{email}}`);
    expect(await app.byTestId("action-url-error").innerText()).toBe("{{email}} is not a declared input.");
    await app.byTestId("action-cancel").click();

    const result = await actions().test("look_up_crm_record", { customer_email: "alice@example.com" });
    const request = await result.getByTestId("action-test-request").innerText();
    expect(request).toContain("/customers/alice%40example.com");
    expect(request).toMatch(/Authorization: \S*•/);
    expect(request).not.toContain(session.stack.dev.stack.crm.apiKey);
    expect(await result.getByTestId("action-test-status").innerText()).toMatch(/^HTTP 200/);
    expect(await result.getByTestId("action-test-fields").innerText()).toContain("Sam Rivera");
    await app.screenshot(`${SCREENSHOTS}dashboard-actions.png`);
  });

  it("a refund over the auto-approval limit waits for an operator, who approves it; the CRM has it and the widget shows the result", async () => {
    shop = await openShop();
    const refundsBefore = crm().refunds.length;
    const runId = await askForAction(
      "I'd like a refund of 120 for order 1001, it arrived broken",
      "pending_approval",
    );
    expect(await widgetCard(runId).getByTestId("action-run-summary").innerText()).toMatch(/120/);
    expect(crm().refunds.length).toBe(refundsBefore);

    await approvals().open();
    const row = app.page.locator(`[data-testid="approval-row"][data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId("approval-requester").innerText()).toContain("alice@example.com");
    expect(await row.getByTestId("approval-inputs").innerText()).toMatch(/amount\s+120/);
    expect(await app.byTestId("nav-approvals-pending").getAttribute("data-count")).toBe("1");
    await app.screenshot(`${SCREENSHOTS}dashboard-approvals.png`);
    await approvals().decide(row, "approve");

    await expect
      .poll(() => widgetCard(runId).getAttribute("data-status"), { timeout: 60_000 })
      .toBe("succeeded");
    const refund = crm().refunds.at(-1)!;
    expect(crm().refunds.length).toBe(refundsBefore + 1);
    expect(refund).toMatchObject({ email: "alice@example.com", orderId: "1001", amount: 120 });
    expect(await widgetCard(runId).getByTestId("action-run-result").innerText()).toContain(refund.id);
    await shop.page.screenshot({ path: `${SCREENSHOTS}widget-action-result.png` });
  });

  it("a rejected refund changes nothing in the CRM and the customer reads the reason", async () => {
    const refundsBefore = crm().refunds.length;
    const runId = await askForAction("Please refund 300 for order 1002", "pending_approval");
    const row = app.page.locator(`[data-testid="approval-row"][data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await approvals().decide(row, "reject", "Order 1002 was already refunded in store");
    await expect
      .poll(() => widgetCard(runId).getAttribute("data-status"), { timeout: 30_000 })
      .toBe("rejected");
    expect(await widgetCard(runId).getByTestId("action-run-state").innerText()).toContain(
      "Order 1002 was already refunded in store",
    );
    expect(crm().refunds.length).toBe(refundsBefore);
  });

  it("a small refund for the verified customer is approved by the rule, without the queue", async () => {
    const refundsBefore = crm().refunds.length;
    const before = await shop.widget.byTestId("action-run").count();
    await shop.widget.ask("I'd like a refund of 20 for order 1001", 60_000);
    const card = shop.widget.frame.locator('[data-testid="action-run"]').nth(before);
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 60_000 }).toBe("succeeded");
    expect(crm().refunds.length).toBe(refundsBefore + 1);
    expect(crm().refunds.at(-1)).toMatchObject({ amount: 20, email: "alice@example.com" });
  });

  it("a follow-up task waits for the customer's Confirm in the widget, then is created", async () => {
    const tasksBefore = crm().tasks.length;
    const runId = await askForAction(
      "Please create a follow-up task to call me back about my order",
      "pending_confirmation",
    );
    const card = widgetCard(runId);
    expect(await card.getByTestId("action-run-confirm").isVisible()).toBe(true);
    await shop.page.screenshot({ path: `${SCREENSHOTS}widget-action-confirm.png` });
    expect(crm().tasks.length).toBe(tasksBefore);
    await card.getByTestId("action-run-confirm").click();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 60_000 }).toBe("succeeded");
    expect(crm().tasks.length).toBe(tasksBefore + 1);
    expect(crm().tasks.at(-1)).toMatchObject({ email: "alice@example.com" });
  });

  it("a refund nobody decides expires: the customer is told, the CRM is untouched, the history shows it", async () => {
    // The admin shortens the refund's expiry to one minute on the Actions page.
    await actions().open();
    await app.byTestId("action-edit-request_refund").click();
    await app.byTestId("action-expiry").fill("1");
    await app.byTestId("action-save").click();
    await app.byTestId("action-form").waitFor({ state: "detached" });

    const refundsBefore = crm().refunds.length;
    const runId = await askForAction("I want a refund of 75 for order 1001", "pending_approval");
    await expect
      .poll(() => widgetCard(runId).getAttribute("data-status"), { timeout: 150_000, interval: 2_000 })
      .toBe("expired");
    expect(await widgetCard(runId).getByTestId("action-run-state").innerText()).toMatch(/expired/);
    expect(crm().refunds.length).toBe(refundsBefore);

    await approvals().open();
    await app.byTestId("approval-history-tab-expired").click();
    await app.page.locator(`[data-testid="approval-history-row"][data-run-id="${runId}"]`).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
