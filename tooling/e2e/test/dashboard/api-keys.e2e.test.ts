// The dashboard's API page in Debian's Chromium, signed in as the demo account: an admin creates a key,
// copies its secret (shown once), the key answers POST /v1/lookups, then is revoked and gets 401.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { dashboardSessionForFile, type DashboardSession } from "../../src/dashboard/dashboard-session.ts";
import type { Stack } from "../../src/stack.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let browser: DashboardSession["browser"];
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, app, page, browser, pageErrors } = session));

/** `POST /v1/lookups` with the key, as an integration would call it. */
async function lookup(secret: string) {
  const response = await fetch(`${stack.dev.convex.siteUrl}/v1/lookups`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ question: "is SKU-789 in stock?" }),
  });
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

describe("the demo organization's admin on the API page", () => {
  let secret = "";

  it("creates a key, copies its secret once, and the key answers /v1/lookups", async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 30_000 });
    await app.nav("api");
    await app.byTestId("api-key-form").waitFor({ timeout: 30_000 });
    await app.byTestId("api-key-name").fill("voice agent");
    await app.byTestId("api-key-create").click();
    await app.byTestId("api-key-secret").waitFor();
    await app.byTestId("api-key-secret-copy").click();
    await page.getByText("Copied").waitFor();
    secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^ab_live_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(await app.byTestId("api-key-secret").inputValue()).toBe(secret);
    const prefix = secret.slice("ab_live_".length, "ab_live_".length + 8);
    const row = page.locator(`[data-testid="api-key-row"][data-prefix="${prefix}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-state")).toBe("active");

    const answered = await lookup(secret);
    expect(answered.status).toBe(200);
    // The call shows in the recent calls (from the audit log), without its body.
    const call = page.locator(`[data-testid="api-call-row"][data-prefix="${prefix}"]`);
    await call.first().waitFor({ timeout: 30_000 });
    expect(await call.first().innerText()).toContain("POST /v1/lookups");
    expect(await call.first().getAttribute("data-status")).toBe("200");
    // A curl per endpoint, against this deployment's site URL.
    await expect.poll(() => app.byTestId("api-example").count()).toBeGreaterThanOrEqual(9);
    expect(await app.byTestId("api-url").innerText()).toBe(`${stack.dev.convex.siteUrl}/v1`);

    await page.reload();
    await row.waitFor({ timeout: 30_000 });
    expect(await app.byTestId("api-key-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });

  it("revokes the key; its next request gets 401", async () => {
    const prefix = secret.slice("ab_live_".length, "ab_live_".length + 8);
    const row = page.locator(`[data-testid="api-key-row"][data-prefix="${prefix}"]`);
    await row.getByTestId("api-key-revoke").click();
    await app.byTestId("api-key-revoke-confirm").click();
    await expect.poll(() => row.getAttribute("data-state")).toBe("revoked");
    const refused = await lookup(secret);
    expect(refused).toEqual({ status: 401, body: expect.objectContaining({ code: "api_key_revoked" }) });
    expect(pageErrors).toEqual([]);
  });
});
