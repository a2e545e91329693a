import type { Locator, Page } from "playwright-core";

/** Page object of the dashboard: every selector is a data-testid or an accessible name. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  async fillAuthForm(values: { name?: string; email: string; password: string }): Promise<void> {
    if (values.name !== undefined) await this.page.locator("#name").fill(values.name);
    await this.page.locator("#email").fill(values.email);
    await this.page.locator("#password").fill(values.password);
    await this.byTestId("auth-submit").click();
  }

  async createOrganization(name: string): Promise<void> {
    await this.page.locator("#organization-name").fill(name);
    await this.byTestId("create-organization-submit").click();
  }

  async nav(
    label:
      | "database"
      | "knowledge"
      | "members"
      | "conversations"
      | "playground"
      | "widget"
      | "audit"
      | "overview"
      | "gaps"
      | "api"
      | "webhooks"
      | "sql"
      | "actions"
      | "approvals",
  ): Promise<void> {
    await this.byTestId(`nav-${label}`).click();
    await this.page.waitForURL(`**/${label}`);
  }

  /** Fills the connect form's fields by name, then saves (which tests the connection too). */
  async connect(provider: string, fields: Record<string, string>, options: { redshiftTarget?: string } = {}) {
    if (await this.byTestId(`provider-${provider}`).isVisible())
      await this.byTestId(`provider-${provider}`).click();
    if (options.redshiftTarget) await this.byTestId(`redshift-target-${options.redshiftTarget}`).click();
    for (const [name, value] of Object.entries(fields)) {
      await this.page.locator(`input[name="${name}"]`).fill(value);
    }
    await this.byTestId("connect-submit").click();
  }

  /** Asks the playground a question as a customer (by e-mail) or as an admin (no e-mail). */
  async askPlayground(question: string, asContactEmail?: string): Promise<void> {
    if (asContactEmail === undefined) {
      await this.byTestId("ask-as-admin").click();
    } else {
      await this.byTestId("ask-as-contact").click();
      await this.byTestId("playground-email").fill(asContactEmail);
    }
    await this.byTestId("playground-question").fill(question);
    await this.byTestId("playground-ask").click();
  }

  /** The playground's answer once it is the one asked as `as` ("Admin" or the e-mail). */
  playgroundAnswer(as: string): Locator {
    return this.page.locator(`[data-testid="playground-answer"][data-as="${as}"]`);
  }

  /** An inbox row by conversation id. */
  inboxItem(conversationId: string): Locator {
    return this.page.locator(`[data-testid="inbox-item"][data-id="${conversationId}"]`);
  }

  /** Confirms an alert dialog opened by `trigger` with the button `confirm`. */
  async confirm(trigger: string, confirm: string): Promise<void> {
    await this.byTestId(trigger).click();
    await this.byTestId(confirm).click();
  }

  /** The connection status badge text once the card shows it. */
  status(): Locator {
    return this.byTestId("connection-status");
  }

  table(qualifiedName: string): Locator {
    return this.byTestId(`table-${qualifiedName}`);
  }

  async screenshot(path: string): Promise<void> {
    // Let toasts settle and skeletons go before the picture.
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path });
  }
}
