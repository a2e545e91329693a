// Issue 24: sign-up proves the e-mail address with a code sent over SMTP to the stack's mail catcher
// (the one `pnpm dev` starts). The name is required; a wrong code is refused with a message saying
// what to do; the right code, read from the catcher as a person would read their inbox, signs in.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { VerifyingDashboardPage } from "../../src/dashboard/verifying-dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";

let session: DashboardSession;
let app: VerifyingDashboardPage;
let page: Page;

dashboardSessionForFile((started) => ({ app, page } = session = started));

const email = `vera+${Date.now()}@shop.test`;
const PASSWORD = "correct horse battery";
let submittedAt = 0;

describe("e-mail verification at sign-up", () => {
  it("requires a name, saying why", async () => {
    await app.goto("/sign-up");
    await app.submitAuthForm({ email, password: PASSWORD });
    await expect.poll(() => app.byTestId("name-error").innerText()).toMatch(/Enter your name/);
    expect(await page.locator("#name").getAttribute("aria-invalid")).toBe("true");
    expect(await app.mailTo(email)).toEqual([]);
  });

  it("asks for the code e-mailed to the address instead of signing in", async () => {
    submittedAt = Date.now();
    await app.submitAuthForm({ name: "Vera Verified", email, password: PASSWORD });
    await app.byTestId("verify-email-form").waitFor({ timeout: 30_000 });
    expect(await page.locator("main").innerText()).toContain(`We sent an 8-digit code to ${email}.`);
    expect(new URL(page.url()).pathname).toBe("/sign-up");
    const [message] = await app.mailTo(email);
    expect(message?.subject).toMatch(/^Your Answerbase code: \d{8}$/);
    expect(message?.text).toContain("within 15 minutes");
    await app.screenshot(`${SCREENSHOTS}issue24-verify-email.png`);
  });

  it("refuses a wrong code with a message saying what to do, keeping the step", async () => {
    const code = await app.emailedCode(email, submittedAt);
    const wrong = String((Number(code) + 1) % 100_000_000).padStart(8, "0");
    await app.enterEmailCode(wrong);
    await expect.poll(() => app.byTestId("verify-error").innerText()).toMatch(/not right.*send a new code/s);
    expect(await app.byTestId("verify-email-form").isVisible()).toBe(true);

    // A code too short never reaches the backend.
    await app.enterEmailCode("1234");
    await expect.poll(() => app.byTestId("code-error").innerText()).toMatch(/8-digit code/);
  });

  it("signs in with the right code and lands on the organization step, verified", async () => {
    await app.enterEmailCode(await app.emailedCode(email, submittedAt));
    await page.waitForURL("**/onboarding", { timeout: 30_000 });
  });

  it("shows the message on the mail catcher's page", async () => {
    const catcher = await page.context().newPage();
    try {
      await catcher.goto(`${session.stack.dev.mail.webUrl}/?to=${encodeURIComponent(email)}`);
      const shown = catcher.getByTestId("caught-message");
      await shown.first().waitFor();
      expect(await shown.count()).toBe(1);
      expect(await shown.first().innerText()).toMatch(/Your Answerbase code: \d{8}/);
      await catcher.screenshot({ path: `${SCREENSHOTS}issue24-mail-catcher.png` });
    } finally {
      await catcher.close();
    }
  });

  it("raised no page errors", () => {
    expect(session.pageErrors.map((error) => error.message)).toEqual([]);
  });
});
