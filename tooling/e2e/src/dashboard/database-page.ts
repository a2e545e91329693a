import type { Locator, Page } from "playwright-core";
import type { DashboardPage } from "./dashboard-page.ts";

/** The Database page's parts that issue 24's checks read: the connect form, the table list, the themes. */
export class DatabasePage {
  readonly page: Page;

  constructor(readonly app: DashboardPage) {
    this.page = app.page;
  }

  connectionInput(): Locator {
    return this.page.locator('input[name="connectionString"]');
  }

  /** Everything a person can read on the page (what a screen shows or a screenshot would keep). */
  visibleText(): Promise<string> {
    return this.page.locator("body").innerText();
  }

  /** The row estimates of the table list, as shown. */
  listedEstimates(): Promise<string[]> {
    return this.app
      .byTestId("table-list")
      .getByTestId("row-estimate")
      .evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ""));
  }

  /** The policy kind the table list shows for one table ("public", "customer", "private"). */
  listedPolicy(qualifiedName: string): Promise<string | null> {
    return this.app.table(qualifiedName).getByTestId("policy-badge").getAttribute("data-kind");
  }

  async useTheme(theme: "light" | "dark"): Promise<void> {
    const dark = () => this.page.evaluate(() => document.documentElement.classList.contains("dark"));
    if ((await dark()) !== (theme === "dark")) await this.app.byTestId("theme-toggle").click();
    if ((await dark()) !== (theme === "dark")) throw new Error(`the theme toggle did not switch to ${theme}`);
  }

  /** How much wider than the window the page is (0 when it does not scroll sideways). */
  sidewaysOverflow(): Promise<number> {
    return this.page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
  }

  /** The left edges of the table list and the table detail: equal when they are stacked in one column. */
  columnsOfBrowser(): Promise<{ list: number; detail: number }> {
    return this.page.evaluate(() => {
      const left = (element: Element | null | undefined) => element?.getBoundingClientRect().left ?? -1;
      // The list sits in a card of its own; the detail is a card.
      const list = document.querySelector('[data-testid="table-list"]')?.parentElement;
      return { list: left(list), detail: left(document.querySelector('[data-testid="table-detail"]')) };
    });
  }
}
