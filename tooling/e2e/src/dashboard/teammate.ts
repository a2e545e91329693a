import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import { launchChromium, type Browser } from "../browser.ts";
import type { DashboardPage } from "./dashboard-page.ts";
import type { DashboardSession } from "./dashboard-session.ts";

export interface Teammate {
  browser: Browser;
  app: DashboardPage;
}

/**
 * Two operators in two browsers: the owner signs in as the demo account and creates an invitation link;
 * the teammate opens it in a second Chromium, signs up and accepts, landing on the Database page.
 * The caller closes `browser` (register its afterAll after the session's, so it runs first).
 */
export async function ownerInvitesTeammate(
  session: DashboardSession,
  person: { name: string; email: string; password: string },
  pageErrors: Error[],
): Promise<Teammate> {
  const owner = session.app;
  await owner.goto("/sign-in");
  await owner.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
  await owner.byTestId("active-organization").waitFor({ timeout: 30_000 });
  await owner.nav("members");
  await owner.byTestId("create-invitation").click();
  await owner.byTestId("invitation-link").waitFor();
  const invitationLink = await owner.byTestId("invitation-link").inputValue();

  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error));
  const app = session.pageObject(page);
  await page.goto(invitationLink);
  await page.waitForURL("**/sign-in?next=**", { timeout: 30_000 });
  await page.getByRole("link", { name: "Create one" }).click();
  await page.waitForURL("**/sign-up?next=**");
  await app.fillAuthForm(person);
  await app.byTestId("accept-invitation").click({ timeout: 30_000 });
  await page.waitForURL("**/database", { timeout: 30_000 });
  return { browser, app };
}
