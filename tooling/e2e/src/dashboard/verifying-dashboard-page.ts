import type { Page } from "playwright-core";
import type { CaughtMessage } from "@answerbase/dev/mail-catcher";
import { DashboardPage } from "./dashboard-page.ts";

/** What the sign-in or sign-up form came to after a submit. */
type AuthOutcome = "code asked" | "refused" | "left";

/**
 * The dashboard's page object for a stack whose backend verifies e-mail addresses: after the sign-up
 * (or sign-in) form, when the dashboard asks for the e-mailed code, reads it from the stack's mail
 * catcher (`/messages.json`) and enters it, as a person would from their inbox. Tests of the code step
 * itself use `submitAuthForm`, which stops at that step.
 */
export class VerifyingDashboardPage extends DashboardPage {
  constructor(
    page: Page,
    baseUrl: string,
    readonly mailUrl: string,
  ) {
    super(page, baseUrl);
  }

  override async fillAuthForm(values: { name?: string; email: string; password: string }): Promise<void> {
    const submittedAt = Date.now();
    await this.submitAuthForm(values);
    if ((await this.authOutcome()) !== "code asked") return;
    await this.enterEmailCode(await this.emailedCode(values.email, submittedAt));
  }

  /** The form filled and sent, whatever comes next. */
  async submitAuthForm(values: { name?: string; email: string; password: string }): Promise<void> {
    await super.fillAuthForm(values);
  }

  async enterEmailCode(code: string): Promise<void> {
    await this.page.locator("#code").fill(code);
    await this.byTestId("verify-submit").click();
  }

  /** The code of the newest message to `email` received since `since` (ms), waiting up to 30 s. */
  async emailedCode(email: string, since: number): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const message = (await this.mailTo(email)).find(
        (caught) => Date.parse(caught.receivedAt) >= since - 1_000,
      );
      const code = message?.text.match(/verification code is (\d{8})\./)?.[1];
      if (code !== undefined) return code;
      if (Date.now() > deadline) throw new Error(`no verification code reached ${email} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The catcher's messages to `email`, newest first. */
  async mailTo(email: string): Promise<CaughtMessage[]> {
    const url = new URL("/messages.json", this.mailUrl);
    url.searchParams.set("to", email);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
    return ((await response.json()) as { messages: CaughtMessage[] }).messages;
  }

  /** Waits until the submitted form asks for a code, shows an error, or the page leaves sign-in/up. */
  private async authOutcome(): Promise<AuthOutcome> {
    const deadline = Date.now() + 60_000;
    const refusal = this.page.locator('[data-testid="auth-error"], [data-testid$="-error"]');
    for (;;) {
      if (await this.byTestId("verify-email-form").isVisible()) return "code asked";
      if (!/^\/sign-(in|up)$/.test(new URL(this.page.url()).pathname)) return "left";
      if ((await refusal.count()) > 0) return "refused";
      if (Date.now() > deadline)
        throw new Error("the sign-in form neither signed in, asked for a code, nor refused");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
