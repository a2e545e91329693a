// Three rough edges of an admin's first hour (issue 24), in Debian's Chromium as the demo account: the
// Playground asks as an anonymous visitor, the audit log names the table behind each lookup without a
// "List tables" entry per page view, and a new document's status shows in one place, live.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ app, page, pageErrors } = session));

/** Alice's order in the demo shop's database: a customer table, so a visitor must not see it. */
const ALICE_TRACKING = "1Z999AA10123456784";
const ORDER_QUESTION = "where is my order #1001?";

async function ask(question: string, as: { email: string } | "visitor") {
  await app.byTestId(as === "visitor" ? "ask-as-visitor" : "ask-as-contact").click();
  if (as !== "visitor") await page.locator("#playground-email").fill(as.email);
  await page.locator("#playground-question").fill(question);
  await app.byTestId("playground-ask").click();
  const answer = app.playgroundAnswer(as === "visitor" ? "Anonymous visitor" : as.email);
  await answer.waitFor({ timeout: 90_000 });
  await expect.poll(() => answer.getAttribute("class")).not.toContain("opacity-60");
  return answer;
}

describe("an admin's first hour, the details", () => {
  it("asks the Playground as an anonymous visitor, who gets no customer's rows", async () => {
    await app.goto("/sign-in");
    await app.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await page.waitForURL("**/overview", { timeout: 30_000 });
    await app.nav("playground");
    expect(await app.byTestId("ask-as-visitor").innerText()).toBe("Anonymous visitor");

    const asAlice = await ask(ORDER_QUESTION, { email: "alice@example.com" });
    expect(await asAlice.getByTestId("source-badge").getAttribute("data-source")).toBe("database");
    expect(await asAlice.innerText()).toContain(ALICE_TRACKING);

    const asVisitor = await ask(ORDER_QUESTION, "visitor");
    expect(await app.byTestId("playground-role-hint").innerText()).toMatch(/not signed in/);
    expect(await asVisitor.getByTestId("source-badge").getAttribute("data-source")).not.toBe("database");
    expect(await asVisitor.innerText()).not.toContain(ALICE_TRACKING);
  });

  it("the audit log names the table behind each lookup, and viewing the tables adds no entry", async () => {
    // The Database page reads the table list on every view: before, each view logged "List tables".
    await app.nav("database");
    await page.waitForTimeout(2_000);
    await app.nav("audit");
    await app.byTestId("audit-table").waitFor({ timeout: 30_000 });
    const rows = page.locator('[data-testid="audit-row"]');
    const operations = await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-operation")));
    expect(operations).toContain("lookup");
    expect(operations).not.toContain("list_tables");

    // Alice's answer came from the orders table: her lookup's row says so (before, it said "—").
    const lookupTables = await page
      .locator('[data-testid="audit-row"][data-operation="lookup"] [data-testid="audit-row-table"]')
      .allInnerTexts();
    expect(lookupTables.some((table) => /orders/.test(table))).toBe(true);
    await app.screenshot(`${SCREENSHOTS}issue24-audit-lookups-after.png`);
  });

  it("a new document's status shows once, in its row, from uploading to indexed", async () => {
    await app.nav("knowledge");
    await app.byTestId("upload-input").setInputFiles({
      name: "returns-policy.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(
        "# Returns\n\nItems can be returned within 30 days of delivery for a full refund.\n",
      ),
    });
    const row = page.locator('[data-testid="document-row"][data-name="returns-policy.md"]');
    await expect
      .poll(() => row.getByTestId("document-status").innerText(), { timeout: 60_000 })
      .toMatch(/Indexed/);
    // The upload's own line went once the document was recorded: nothing still says "indexing".
    expect(await app.byTestId("upload-item").count()).toBe(0);
    expect(await page.locator("main").innerText()).not.toMatch(/Uploaded, indexing/);
    await app.screenshot(`${SCREENSHOTS}issue24-document-status-after.png`);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
