// The Members page and invitations with two people in two browsers: the demo organization's owner
// invites a newcomer by link; the newcomer signs up from it and joins as a member, sees the admin-only
// controls hidden, becomes an admin live, and loses access when removed. The last owner stays.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium, type Browser } from "../../src/browser.ts";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";

const NEWCOMER = { name: "Nia Newcomer", email: "nia@brightside.test", password: "correct horse battery" };

let session: DashboardSession;
let owner: DashboardPage;
let newcomerBrowser: Browser | undefined;
let newcomer: DashboardPage;
const newcomerErrors: Error[] = [];
let invitationLink = "";

dashboardSessionForFile((started) => {
  session = started;
  owner = started.app;
});
// Registered after the session's own afterAll, so it runs first (Vitest runs after-hooks as a stack).
afterAll(() => newcomerBrowser?.close());

function memberRow(app: DashboardPage, email: string): Locator {
  return app.page.locator(`[data-testid="member-row"][data-email="${email}"]`);
}

function toasts(page: Page, type: "success" | "error"): Locator {
  return page.locator(`[data-sonner-toast][data-type="${type}"]`);
}

/** Picks a role from a member row's role menu. */
async function chooseRole(app: DashboardPage, email: string, role: "owner" | "admin" | "member") {
  await memberRow(app, email).getByTestId("member-role").click();
  await app.byTestId(`role-option-${role}`).click();
}

describe("members and invitations", () => {
  it("the owner creates an invitation link for a member", async () => {
    await owner.goto("/sign-in");
    await owner.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await owner.byTestId("active-organization").waitFor({ timeout: 30_000 });
    await owner.nav("members");
    await memberRow(owner, DEMO_ACCOUNT.email).waitFor();
    await owner.byTestId("create-invitation").click();
    await owner.byTestId("invitation-link").waitFor();
    invitationLink = await owner.byTestId("invitation-link").inputValue();
    expect(invitationLink).toMatch(new RegExp(`^${session.web.url}/invite/[\\w-]+$`));
    await expect.poll(() => owner.byTestId("pending-invitation").count()).toBe(1);
  });

  it("a newcomer signs up from the link and joins the organization as a member", async () => {
    newcomerBrowser = await launchChromium();
    const page = await newcomerBrowser.context.newPage();
    page.on("pageerror", (error) => newcomerErrors.push(error));
    newcomer = session.pageObject(page);
    await page.goto(invitationLink);
    await page.waitForURL("**/sign-in?next=**", { timeout: 30_000 });
    await page.getByRole("link", { name: "Create one" }).click();
    await page.waitForURL("**/sign-up?next=**");
    await newcomer.fillAuthForm(NEWCOMER);
    await newcomer.byTestId("invitation").waitFor({ timeout: 30_000 });
    const invitation = await newcomer.byTestId("invitation").innerText();
    expect(invitation).toContain(`Join ${DEMO_ACCOUNT.organizationName}`);
    expect(invitation).toContain("invited as member");
    expect(await newcomer.byTestId("invite-signed-in-as").innerText()).toContain(NEWCOMER.email);
    await newcomer.byTestId("accept-invitation").click();
    await page.waitForURL("**/database", { timeout: 30_000 });
    expect(await newcomer.byTestId("active-organization").innerText()).toBe(DEMO_ACCOUNT.organizationName);

    // The owner's page shows them at once, and the link is used up.
    await memberRow(owner, NEWCOMER.email).waitFor({ timeout: 30_000 });
    expect(await memberRow(owner, NEWCOMER.email).getAttribute("data-role")).toBe("member");
    await expect.poll(() => owner.byTestId("pending-invitation").count()).toBe(0);
  });

  it("the member finds the admin-only controls hidden", async () => {
    // Database: a health check only, no changing or disconnecting the connection.
    await newcomer.byTestId("test-connection").waitFor({ timeout: 30_000 });
    expect(await newcomer.byTestId("test-connection").innerText()).toContain("Check health");
    expect(await newcomer.byTestId("edit-connection").count()).toBe(0);
    expect(await newcomer.byTestId("disconnect").count()).toBe(0);
    // Named lookups: read, not written or tried. None yet: the example, and who can add one.
    const empty = newcomer.byTestId("named-lookups-empty");
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.innerText()).toMatch(/An admin or owner of this organization can add one/);
    expect(await newcomer.byTestId("named-lookup-new").count()).toBe(0);
    expect(await newcomer.byTestId("named-lookup-use-example").count()).toBe(0);
    // The owner adds one; it shows on the member's page live, with its SQL and no controls.
    await owner.nav("database");
    await owner.byTestId("named-lookup-new").click();
    await owner.byTestId("named-lookup-name").fill("order_status");
    await owner.byTestId("named-lookup-description").fill("The status of one order, by its number.");
    await owner
      .byTestId("named-lookup-sql")
      .fill("SELECT order_number, status FROM orders WHERE order_number = $1");
    await owner.byTestId("named-lookup-param-0-name").fill("order_number");
    await owner.byTestId("named-lookup-param-0-type").selectOption("integer");
    await owner.byTestId("named-lookup-param-0-description").fill("The order number, e.g. 1001");
    await owner.byTestId("named-lookup-save").click();
    const listed = newcomer.page.locator('[data-testid="named-lookup"][data-name="order_status"]');
    await listed.waitFor({ timeout: 60_000 });
    expect(await listed.innerText()).toMatch(/WHERE order_number = \$1/);
    for (const control of ["try", "edit", "delete"])
      expect(await newcomer.byTestId(`named-lookup-${control}-order_status`).count()).toBe(0);
    // The owner's own list re-renders after the save closes the editor: wait for it, do not sample it.
    await owner.byTestId("named-lookup-try-order_status").waitFor({ timeout: 30_000 });
    await owner.nav("members");
    // Widget: settings and the signing secret are for admins.
    await newcomer.nav("widget");
    await newcomer.byTestId("admins-only").waitFor();
    // Members: everyone listed, no role menus, no removing others, no invitations; leaving is theirs.
    await newcomer.nav("members");
    await expect.poll(() => newcomer.byTestId("member-row").count(), { timeout: 30_000 }).toBe(2);
    expect(await newcomer.byTestId("member-role").count()).toBe(0);
    expect(await newcomer.byTestId("member-remove").count()).toBe(0);
    expect(await newcomer.byTestId("invite-card").count()).toBe(0);
    expect(await memberRow(newcomer, NEWCOMER.email).getByTestId("member-leave").count()).toBe(1);
  });

  it("the owner makes the member an admin, and the member's page shows admin controls live", async () => {
    await chooseRole(owner, NEWCOMER.email, "admin");
    await expect.poll(() => memberRow(owner, NEWCOMER.email).getAttribute("data-role")).toBe("admin");
    await newcomer.byTestId("invite-card").waitFor({ timeout: 30_000 });
    expect(await memberRow(newcomer, NEWCOMER.email).getAttribute("data-role")).toBe("admin");
    // An admin does not touch the owner.
    expect(await memberRow(newcomer, DEMO_ACCOUNT.email).getByTestId("member-role").count()).toBe(0);

    // Leave and come back so the one-time link is no longer on screen for the picture.
    await owner.nav("database");
    await owner.nav("members");
    await memberRow(owner, NEWCOMER.email).waitFor();
    await owner.screenshot(`${SCREENSHOTS}dashboard-members.png`);
  });

  it("the last owner can neither step down nor leave, and is told why", async () => {
    await chooseRole(owner, DEMO_ACCOUNT.email, "admin");
    await expect
      .poll(() => toasts(owner.page, "error").last().innerText(), { timeout: 30_000 })
      .toMatch(/at least one owner/);
    expect(await memberRow(owner, DEMO_ACCOUNT.email).getAttribute("data-role")).toBe("owner");
    expect(await memberRow(owner, DEMO_ACCOUNT.email).getByTestId("member-role").innerText()).toMatch(
      /owner/i,
    );

    await owner.confirm("member-leave", "member-leave-confirm");
    await expect
      .poll(() => toasts(owner.page, "error").last().innerText(), { timeout: 30_000 })
      .toMatch(/only owner/);
    expect(owner.page.url()).toMatch(/\/members$/);
    expect(await memberRow(owner, DEMO_ACCOUNT.email).getAttribute("data-role")).toBe("owner");
  });

  it("the owner removes the newcomer, whose dashboard sends them to onboarding", async () => {
    await memberRow(owner, NEWCOMER.email).getByTestId("member-remove").click();
    await owner.byTestId("member-remove-confirm").click();
    await expect.poll(() => memberRow(owner, NEWCOMER.email).count(), { timeout: 30_000 }).toBe(0);

    await newcomer.page.waitForURL("**/onboarding", { timeout: 30_000 });
    await newcomer.page.locator("#organization-name").waitFor();
    // The used link does not let them back in.
    await newcomer.page.goto(invitationLink);
    await newcomer.page.getByText("This invitation has already been used").waitFor({ timeout: 30_000 });
  });

  it("had no uncaught errors in either page", () => {
    expect([...session.pageErrors, ...newcomerErrors].map((e) => e.message)).toEqual([]);
  });
});
