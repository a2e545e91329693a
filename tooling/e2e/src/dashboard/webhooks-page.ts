import type { Locator } from "playwright-core";
import type { DashboardPage } from "./dashboard-page.ts";

/** The Webhooks page: the add form, the secret shown once, each endpoint and its deliveries. */
export class WebhooksPage {
  constructor(private readonly app: DashboardPage) {}

  async open(): Promise<void> {
    await this.app.byTestId("nav-webhooks").click();
    await this.app.page.waitForURL("**/webhooks");
  }

  /** Adds an endpoint for `events` (the form's default event unchecked first) and returns the secret shown once. */
  async addEndpoint(url: string, events: string[]): Promise<string> {
    await this.app.byTestId("webhook-url").fill(url);
    const defaults = this.app.byTestId("webhook-events").locator("input:checked");
    for (const box of await defaults.all()) await box.uncheck();
    for (const event of events) await this.app.byTestId(`webhook-event-${event}`).check();
    await this.app.byTestId("webhook-add").click();
    await this.app.byTestId("webhook-secret").waitFor();
    return await this.app.byTestId("webhook-secret").inputValue();
  }

  endpoint(url: string): Locator {
    return this.app.page.locator(`[data-testid="webhook-endpoint"][data-url="${url}"]`);
  }

  deliveries(url: string): Locator {
    return this.endpoint(url).getByTestId("webhook-delivery");
  }
}
