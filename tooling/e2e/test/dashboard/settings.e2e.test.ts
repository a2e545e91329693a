// The dashboard's Widget settings and Audit log pages in Debian's Chromium, signed in as the demo
// account the seed creates, against the stack `pnpm dev` starts and a production build of apps/web.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import type { Stack } from "../../src/stack.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors } = session));

describe("the demo organization's admin on the Widget and Audit log pages", () => {
  it("is refused an invalid colour in place, and keeps what was typed", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 30_000 });
    await app.nav("widget");
    await app.byTestId("widget-settings-form").waitFor({ timeout: 30_000 });
    await app.byTestId("widget-greeting").fill("Hello from the e2e test! Ask about your order.");
    await app.byTestId("widget-color").fill("blue-ish");
    await app.byTestId("widget-save").click();
    await expect.poll(() => app.byTestId("widget-color-error").innerText()).toMatch(/hex colour/);
    expect(await app.byTestId("widget-color").inputValue()).toBe("blue-ish");
    expect(await app.byTestId("widget-greeting").inputValue()).toBe(
      "Hello from the e2e test! Ask about your order.",
    );
  });

  it("saves valid settings, which are still there after a reload", async () => {
    await app.byTestId("widget-color").fill("#0F766E");
    await app.byTestId("widget-suggestion-0").fill("Where is order #1001?");
    await app.byTestId("widget-position-bottom-left").click();
    expect(await app.byTestId("widget-preview").getAttribute("data-color")).toBe("#0F766E");
    await app.byTestId("widget-save").click();
    await page.getByText("Widget settings saved").waitFor();
    expect(await app.byTestId("widget-color").inputValue()).toBe("#0f766e");

    await page.reload();
    await app.byTestId("widget-settings-form").waitFor({ timeout: 30_000 });
    expect(await app.byTestId("widget-color").inputValue()).toBe("#0f766e");
    expect(await app.byTestId("widget-greeting").inputValue()).toBe(
      "Hello from the e2e test! Ask about your order.",
    );
    expect(await app.byTestId("widget-suggestion-0").inputValue()).toBe("Where is order #1001?");
    expect(await app.byTestId("widget-position-bottom-left").getAttribute("aria-checked")).toBe("true");
    expect(await app.byTestId("widget-preview-greeting").innerText()).toContain("Hello from the e2e test");
    const snippet = await app.byTestId("snippet-html-code").innerText();
    expect(snippet).toContain(`data-organization-id="${stack.dev.seed.organizationId}"`);
    expect(snippet).toMatch(/<script src="http:\/\/[^"]+\/widget\.js" .* async><\/script>/);
  });

  it("rotates the signing secret and shows it once, never in the snippet", async () => {
    await app.confirm("identity-rotate", "identity-rotate-confirm");
    const secretBox = app.byTestId("identity-secret");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(await app.byTestId("identity-status").getAttribute("data-configured")).toBe("true");
    expect(await app.byTestId("snippet-html-code").innerText()).not.toContain(secret);
    // A tall viewport rather than fullPage (which draws the sticky sidebar mid-page); toasts gone first.
    await page.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1520 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-widget-settings.png` });
    if (viewport) await page.setViewportSize(viewport);

    await page.reload();
    await app.byTestId("identity-status").waitFor({ timeout: 30_000 });
    expect(await app.byTestId("identity-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });

  it("lists the demo seed's data-source operations in the audit log", async () => {
    await app.nav("audit");
    await app.byTestId("audit-table").waitFor({ timeout: 30_000 });
    expect(await app.byTestId("audit-row").count()).toBeGreaterThan(0);
    const operations = await page
      .locator('[data-testid="audit-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-operation")));
    expect(
      operations.some((op) => op === "save_config" || op === "test_connection" || op === "list_tables"),
    ).toBe(true);
    await app.screenshot(`${SCREENSHOTS}dashboard-audit.png`);
  });

  it("filters the whole audit log by operation and outcome, the filters staying in place", async () => {
    const choose = async (filter: "operation" | "outcome", option: string) => {
      await app.byTestId(`audit-filter-${filter}`).click();
      await page.getByRole("option", { name: option, exact: true }).click();
    };
    const shown = (attribute: "data-operation" | "data-outcome") =>
      page
        .locator('[data-testid="audit-row"]')
        .evaluateAll((rows, name) => [...new Set(rows.map((r) => r.getAttribute(name)))], attribute);
    // The seed saved the connection first: its entry is the oldest, behind the ingestion's and lookups'.
    await choose("operation", "Save config");
    await expect.poll(() => shown("data-operation"), { timeout: 30_000 }).toEqual(["save_config"]);
    await choose("outcome", "Error");
    await app.byTestId("audit-empty-filtered").waitFor({ timeout: 30_000 });
    expect(await app.byTestId("audit-filter-operation").innerText()).toBe("Save config");
    await choose("operation", "All operations");
    await choose("outcome", "OK");
    await expect.poll(() => shown("data-outcome"), { timeout: 30_000 }).toEqual(["ok"]);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
