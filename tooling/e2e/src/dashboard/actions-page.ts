import type { Locator } from "playwright-core";
import type { DashboardPage } from "./dashboard-page.ts";

/** The Actions page: the list of actions, the editor and "Test action". */
export class ActionsPage {
  constructor(private readonly app: DashboardPage) {}

  async open(): Promise<void> {
    await this.app.nav("actions");
    await this.app.byTestId("actions").waitFor();
  }

  item(name: string): Locator {
    return this.app.page.locator(`[data-testid="action-item"][data-name="${name}"]`);
  }

  /** Opens "Test action" on `name`, fills the sample inputs by name and sends the request. */
  async test(name: string, inputs: Record<string, string>): Promise<Locator> {
    await this.app.byTestId(`action-test-${name}`).click();
    for (const [input, value] of Object.entries(inputs))
      await this.app.byTestId(`action-test-input-${input}`).fill(value);
    await this.app.byTestId("action-test-run").click();
    const result = this.app.byTestId("action-test-result");
    await result.waitFor({ timeout: 30_000 });
    return result;
  }
}

/** The Approvals page: pending requests (one row per run) and the decided/expired history. */
export class ApprovalsPage {
  constructor(private readonly app: DashboardPage) {}

  async open(): Promise<void> {
    await this.app.nav("approvals");
    await this.app.byTestId("approval-queue").waitFor();
  }

  /** The pending row of an action requested by `email` (the newest one when there are several). */
  pending(action: string, email: string): Locator {
    return this.app.page
      .locator(`[data-testid="approval-row"][data-action="${action}"]`)
      .filter({ has: this.app.page.getByTestId("approval-requester").filter({ hasText: email }) })
      .last();
  }

  async decide(row: Locator, decision: "approve" | "reject", reason = ""): Promise<void> {
    if (reason) await row.getByTestId("approval-reason").fill(reason);
    await row.getByTestId(decision === "approve" ? "approval-approve" : "approval-reject").click();
    await row.waitFor({ state: "detached", timeout: 30_000 });
  }

  history(runId: string): Locator {
    return this.app.page.locator(`[data-testid="approval-history-row"][data-run-id="${runId}"]`);
  }
}
