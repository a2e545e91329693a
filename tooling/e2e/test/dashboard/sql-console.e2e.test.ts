// The SQL page in Debian's Chromium, signed in as the demo account (the demo database connected over
// the local Neon endpoint), against the stack `pnpm dev` starts and a production build.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ app, page, pageErrors } = session));

// database-schema.sql has 16 orders (ids 1..16): their cross join is 256 ordered rows, so row 51 is
// (4, 3) by hand.
const PAIRS_SQL = "SELECT o.id AS a, p.id AS b FROM orders o CROSS JOIN orders p ORDER BY 1, 2";
// The guard refuses pg_sleep; counting the orders joined seven times (16^7 rows) runs far longer.
const SLOW_SQL = `SELECT count(*) FROM ${Array.from({ length: 7 }, (_, i) => `orders o${i}`).join(", ")}`;
const LOOKUP_SQL = "SELECT order_number, status FROM orders WHERE order_number = $1";

const text = (testId: string) => app.byTestId(testId).innerText();

/** Replaces the editor's text, as a paste would (no completion popup in the way). */
async function setSql(sql: string) {
  await app.byTestId("sql-input").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(sql);
}

async function runSql(sql: string) {
  await setSql(sql);
  await page.keyboard.press("Control+Enter");
}

/** The grid's cells, row by row. */
async function gridRows(): Promise<string[][]> {
  return app
    .byTestId("sql-result")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => (cell.textContent ?? "").trim())),
    );
}

// Generous timeouts: on a shared machine the backend may be restarting (a changed function) mid-test.
describe("the demo organization's admin queries the database on the SQL page", { timeout: 180_000 }, () => {
  it("completes table names from the catalog", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await app.byTestId("active-organization").waitFor({ timeout: 60_000 });
    await app.nav("sql");
    await app.byTestId("sql-editor").waitFor({ timeout: 90_000 });
    // The demo runs the offline model: "Ask in English" says why it is unavailable instead of a box.
    await expect
      .poll(() => app.byTestId("sql-ask-offline").textContent(), { timeout: 30_000 })
      .toMatch(/needs a provider language model.*cannot write SQL/);
    expect(await app.byTestId("sql-ask-question").count()).toBe(0);
    await app.byTestId("sql-input").click();
    await page.keyboard.type("SELECT * FROM orde");
    // The catalog arrives with listTables: until it has, retyping the last letter asks again.
    await expect
      .poll(
        async () => {
          const popup = page.locator(".cm-tooltip-autocomplete");
          const shown = (await popup.count()) > 0 ? await popup.innerText() : "";
          if (!shown.includes("orders")) {
            await page.keyboard.press("Backspace");
            await page.keyboard.type("e");
          }
          return shown;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toContain("orders");
    await page.keyboard.press("Escape");
  });

  it("runs with Ctrl+Enter and pages through the result", async () => {
    await runSql(PAIRS_SQL);
    await expect.poll(() => text("sql-range"), { timeout: 90_000 }).toBe("Rows 1–50 (more on the next page)");
    expect(await text("sql-duration")).toMatch(/^database \d+ ms · \d+ ms end to end$/);
    expect((await gridRows()).slice(0, 2)).toEqual([
      ["1", "1"],
      ["1", "2"],
    ]);
    await app.byTestId("sql-next").click();
    await expect
      .poll(() => text("sql-range"), { timeout: 90_000 })
      .toBe("Rows 51–100 (more on the next page)");
    expect((await gridRows())[0]).toEqual(["4", "3"]);
    await app.byTestId("sql-previous").click();
    await expect.poll(() => text("sql-range"), { timeout: 90_000 }).toBe("Rows 1–50 (more on the next page)");
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-sql-console.png` });
  });

  it("refuses a write and says why", async () => {
    await runSql("DELETE FROM orders");
    await app.byTestId("sql-error").waitFor({ timeout: 90_000 });
    expect(await text("sql-error")).toMatch(/\(rejected_sql\)/);
  });

  it("shows a syntax error with its SQLSTATE and position, never a stack", async () => {
    await runSql("SELECT id FROM orders\nWHERE");
    await expect.poll(() => app.byTestId("sql-error-position").count(), { timeout: 90_000 }).toBe(1);
    expect(await text("sql-error-position")).toBe("SQLSTATE 42601 · line 2, column 6");
    expect(await text("sql-error")).not.toMatch(/\bat \S+\.(ts|js)/);
  });

  it("shows the plan with EXPLAIN", async () => {
    await setSql("SELECT * FROM orders WHERE id = 1");
    await app.byTestId("sql-explain").click();
    await expect.poll(() => text("sql-range"), { timeout: 90_000 }).toMatch(/^Query plan, \d+ lines$/);
    expect(await text("sql-result")).toMatch(/QUERY PLAN[\s\S]*Scan/);
  });

  it("reloads a query from the history", async () => {
    await setSql("");
    const item = app.byTestId("sql-history-item").filter({ hasText: "CROSS JOIN" }).first();
    await item.click({ timeout: 90_000 });
    await expect.poll(() => text("sql-input")).toBe(PAIRS_SQL);
  });

  it("runs a query with a parameter and saves it as a named lookup", async () => {
    await setSql(LOOKUP_SQL);
    await app.byTestId("sql-param-1").fill("1001");
    await app.byTestId("sql-run").click();
    await expect.poll(() => gridRows(), { timeout: 90_000 }).toEqual([["1001", "shipped"]]);

    await app.byTestId("sql-save-lookup").click();
    await page.waitForURL("**/database?lookupSql=**", { timeout: 60_000 });
    await app.byTestId("named-lookup-form").waitFor({ timeout: 90_000 });
    expect(await app.byTestId("named-lookup-sql").inputValue()).toBe(LOOKUP_SQL);
    await app.byTestId("named-lookup-name").fill("order_status_from_sql");
    await app.byTestId("named-lookup-description").fill("The status of one order, by its order number.");
    await app.byTestId("named-lookup-param-0-name").fill("order_number");
    await app.byTestId("named-lookup-param-0-type").selectOption("integer");
    await app.byTestId("named-lookup-param-0-description").fill("The order number, e.g. 1001");
    await app.byTestId("named-lookup-save").click();
    await page.getByText("Named lookup order_status_from_sql saved").waitFor({ timeout: 90_000 });
    await page
      .locator('[data-testid="named-lookup"][data-name="order_status_from_sql"]')
      .waitFor({ timeout: 30_000 });
  });

  // Last: on the embedded PGlite behind the local Neon endpoint, a cancelled statement keeps the
  // database busy until its 30 s timeout (the emulator does not stop it when its request goes away).
  it("cancels a slow query", async () => {
    await app.nav("sql");
    await app.byTestId("sql-editor").waitFor({ timeout: 90_000 });
    await runSql(SLOW_SQL);
    await app.byTestId("sql-cancel").click({ timeout: 90_000 });
    await app.byTestId("sql-error").waitFor({ timeout: 90_000 });
    expect(await text("sql-error")).toContain("The statement was cancelled.");
    expect(await app.byTestId("sql-running").count()).toBe(0);
  });

  it("had no uncaught page errors", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
