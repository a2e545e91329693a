// The Database page's named lookups in Debian's Chromium, signed in as the demo account (the demo
// database connected, policies accepted), against the stack `pnpm dev` starts and a production build.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ app, page, pageErrors } = session));

// database-schema.sql: order #1001 is Alice's, shipped with this tracking number.
const ALICE_ORDER = { number: "1001", status: "shipped", tracking: "1Z999AA10123456784" };
const DESCRIPTION = "The status and tracking number of one order, by the order number on the receipt.";
const GOOD_SQL = "SELECT order_number, status, tracking_number FROM orders WHERE order_number = $1";

const lookupItem = (name: string) => page.locator(`[data-testid="named-lookup"][data-name="${name}"]`);
const text = (testId: string) => app.byTestId(testId).innerText();

async function runTryIt(value: string, as: { email: string } | "admin" | "visitor" = "admin") {
  if (typeof as === "string") {
    await app.byTestId(`try-it-as-${as}`).click();
  } else {
    await app.byTestId("try-it-as-contact").click();
    await app.byTestId("try-it-email").fill(as.email);
  }
  await app.byTestId("try-it-arg-order_number").fill(value);
  // Enter in a parameter runs it, like the Run button.
  await app.byTestId("try-it-arg-order_number").press("Enter");
}

// Generous timeouts: on a shared machine the backend may be restarting (a changed function) mid-test.
describe("the demo organization's admin writes a named lookup", { timeout: 180_000 }, () => {
  it("shows what a named lookup is while there is none", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 60_000 });
    await app.nav("database");
    await app.byTestId("named-lookups-empty").waitFor({ timeout: 90_000 });
    expect(await text("named-lookups-empty")).toMatch(/order_status[\s\S]*\$1/);
  });

  it("refuses a bad name inline and SQL on an unknown table from the backend, keeping what was typed", async () => {
    await app.byTestId("named-lookup-new").click();
    // The form takes the keyboard at its first field.
    await page.keyboard.type("Order Status");
    expect(await app.byTestId("named-lookup-name").inputValue()).toBe("Order Status");
    await expect.poll(() => text("named-lookup-name-error")).toMatch(/snake_case/);
    await app.byTestId("named-lookup-description").fill(DESCRIPTION);
    await app.byTestId("named-lookup-sql").fill("SELECT status FROM no_such_table WHERE order_number = $1");
    await app.byTestId("named-lookup-param-0-name").fill("order_number");
    await app.byTestId("named-lookup-param-0-type").selectOption("integer");
    await app.byTestId("named-lookup-param-0-description").fill("The order number, e.g. 1001");
    await app.byTestId("named-lookup-save").click();
    expect(await text("named-lookup-name-error")).toMatch(/snake_case/);

    await app.byTestId("named-lookup-name").fill("order_status");
    await expect.poll(() => app.byTestId("named-lookup-name-error").count()).toBe(0);
    await app.byTestId("named-lookup-save").click();
    await app.byTestId("named-lookup-sql-error").waitFor({ timeout: 90_000 });
    expect(await text("named-lookup-sql-error")).toMatch(/no_such_table/);
    expect(await app.byTestId("named-lookup-name").inputValue()).toBe("order_status");
    expect(await app.byTestId("named-lookup-description").inputValue()).toBe(DESCRIPTION);
    expect(await app.byTestId("named-lookup-sql").inputValue()).toMatch(/no_such_table/);
    expect(await app.byTestId("named-lookup-param-0-name").inputValue()).toBe("order_number");
    expect(await app.byTestId("named-lookup-param-0-type").inputValue()).toBe("integer");
  });

  it("saves once fixed, and lists it with its parameter and table", async () => {
    await app.byTestId("named-lookup-sql").fill(GOOD_SQL);
    await app.byTestId("named-lookup-save").click();
    await page.getByText("Named lookup order_status saved").waitFor({ timeout: 90_000 });
    await lookupItem("order_status").waitFor();
    expect(await app.byTestId("named-lookup-form").count()).toBe(0);
    const listed = await lookupItem("order_status").innerText();
    expect(listed).toContain(DESCRIPTION);
    expect(listed).toMatch(/order_number: integer/);
    expect(listed).toMatch(/reads orders/);
  });

  it("tries it: the admin and Alice see order #1001's status, Bob sees no row", async () => {
    await app.byTestId("named-lookup-try-order_status").click();
    // From the keyboard: "Try it" focuses the first parameter, Enter runs it (as the admin by default).
    await page.keyboard.type(ALICE_ORDER.number);
    await page.keyboard.press("Enter");
    await expect.poll(() => text("try-it-rows"), { timeout: 90_000 }).toContain(ALICE_ORDER.status);
    expect(await text("try-it-rows")).toContain(ALICE_ORDER.tracking);
    expect(await text("try-it-summary")).toMatch(/^1 row · \d+ ms/);

    await runTryIt(ALICE_ORDER.number, { email: "bob@example.com" });
    await expect.poll(() => text("try-it-summary"), { timeout: 90_000 }).toMatch(/^No rows/);
    expect(await app.byTestId("try-it-rows").count()).toBe(0);

    await runTryIt(ALICE_ORDER.number, { email: "alice@example.com" });
    await expect.poll(() => app.byTestId("try-it-row").count(), { timeout: 90_000 }).toBe(1);
    expect(await text("try-it-rows")).toContain(ALICE_ORDER.tracking);
  });

  it("says why an unverified visitor may not run it", async () => {
    await runTryIt(ALICE_ORDER.number, "visitor");
    await app.byTestId("try-it-refused").waitFor({ timeout: 90_000 });
    expect(await text("try-it-refused")).toMatch(/may not read public\.orders[\s\S]*not verified/);
    expect(await app.byTestId("try-it-rows").count()).toBe(0);
  });

  it("names a badly typed parameter under its field", async () => {
    await runTryIt("10O1", "admin");
    await app.byTestId("try-it-arg-order_number-error").waitFor({ timeout: 90_000 });
    expect(await text("try-it-arg-order_number-error")).toMatch(/order_number must be a whole number/);
    expect(await app.byTestId("try-it-rows").count()).toBe(0);
    expect(await app.byTestId("try-it-arg-order_number").inputValue()).toBe("10O1");
  });

  it("edits the description", async () => {
    await app.byTestId("named-lookup-edit-order_status").click();
    const edited = "Where an order is: its status and carrier tracking number, by the order number.";
    expect(await app.byTestId("named-lookup-description").inputValue()).toBe(DESCRIPTION);
    await app.byTestId("named-lookup-description").fill(edited);
    await app.byTestId("named-lookup-save").click();
    await page.getByText("Named lookup order_status updated").waitFor({ timeout: 90_000 });
    await expect.poll(() => lookupItem("order_status").innerText()).toContain(edited);

    // The picture: the lookup tried as Alice.
    await app.byTestId("named-lookup-try-order_status").click();
    await runTryIt(ALICE_ORDER.number, { email: "alice@example.com" });
    await expect.poll(() => app.byTestId("try-it-row").count(), { timeout: 90_000 }).toBe(1);
    // A tall viewport rather than fullPage (which draws the sticky sidebar mid-page); toasts gone first.
    await page.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
    await app.byTestId("named-lookups").scrollIntoViewIfNeeded();
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await app.byTestId("named-lookups").evaluate((card) => card.scrollIntoView({ block: "end" }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-named-lookups.png` });
    if (viewport) await page.setViewportSize(viewport);
  });

  it("deletes it after a confirmation", async () => {
    await app.confirm("named-lookup-delete-order_status", "named-lookup-delete-confirm");
    await page.getByText("Named lookup order_status deleted").waitFor({ timeout: 90_000 });
    await app.byTestId("named-lookups-empty").waitFor();
    expect(await lookupItem("order_status").count()).toBe(0);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
