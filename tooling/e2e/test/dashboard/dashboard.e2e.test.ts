// The dashboard end to end in Debian's Chromium: a new user signs up, creates an organization,
// connects the demo database through each provider of the local cloud, browses and previews a table,
// sets policies, ingests rows to done and uploads a PDF, against the stack `pnpm dev` starts and a
// production build of apps/web.
import { makePdf } from "@answerbase/documents/testing";
import { DEMO, LOCAL_PLATFORM } from "@answerbase/local-cloud";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { grantPrivateNetworksToActiveOrganization } from "../../src/convex-http.ts";
import type { Stack } from "../../src/stack.ts";
import { SCREENSHOTS, dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors } = session));

const email = `ada+${Date.now()}@shop.test`;

describe("a new organization's admin", () => {
  it("is refused bad input inline, without losing what was typed, then signs up", async () => {
    // Signing up mints this browser's client token (sign-in back-off and sign-up limits are per client).
    const minted: number[] = [];
    page.on("response", (response) => {
      if (response.url() === `${stack.dev.convex.siteUrl}/dashboard/clients`) minted.push(response.status());
    });
    await app.goto("/sign-up");
    await app.fillAuthForm({ name: "Ada Admin", email: "not-an-email", password: "short" });
    await expect.poll(() => app.byTestId("email-error").innerText()).toMatch(/e-mail address/);
    expect(await app.byTestId("password-error").innerText()).toMatch(/8 characters/);
    expect(await page.locator("#email").inputValue()).toBe("not-an-email");
    await app.screenshot(`${SCREENSHOTS}dashboard-sign-up-errors.png`);

    await app.fillAuthForm({ email, password: "correct horse battery" });
    await page.waitForURL("**/onboarding");
    // Minted once, then kept for every later attempt.
    expect(minted).toEqual([200]);
    expect(await page.evaluate(() => localStorage.getItem("answerbase:dashboard-client"))).toMatch(/^dc_/);
  });

  it("creates an organization and lands on the Database page's connect wizard", async () => {
    await app.createOrganization("A");
    await expect.poll(() => page.locator("#organization-name-error").innerText()).toMatch(/2 to 80/);
    await app.createOrganization("Ada's Shop");
    await page.waitForURL("**/database");
    await expect.poll(() => app.byTestId("active-organization").innerText()).toBe("Ada's Shop");
    await app.byTestId("provider-postgres").waitFor();
    await app.screenshot(`${SCREENSHOTS}dashboard-database-connect.png`);
  });

  it("gets a field error for a bad connection string, is refused the platform's own database, then connects it once the operator allows private networks", async () => {
    await app.connect("postgres", { connectionString: "mysql://nope" });
    await expect.poll(() => app.byTestId("field-connectionString-error").innerText()).toMatch(/postgres/);
    expect(await page.locator('input[name="connectionString"]').inputValue()).toBe("mysql://nope");
    // A new tenant on the dev stack is refused the embedded database, as in production: the test fails
    // with the one refusal every private address gets; saved (failing) only by an explicit "Save anyway".
    await app.connect("postgres", { connectionString: stack.dev.stack.demo.connectionString });
    await app.byTestId("connect-save-anyway").click();
    await expect.poll(() => app.status().innerText(), { timeout: 30_000 }).toBe("Failing");
    await expect
      .poll(() => app.byTestId("status-error").innerText())
      .toMatch(/not on the public internet[\s\S]*operator/);
    await grantPrivateNetworksToActiveOrganization(stack, page);
    await app.byTestId("test-connection").click();
    await expect.poll(() => app.status().innerText(), { timeout: 30_000 }).toBe("Connected");
    expect(await app.byTestId("latency").innerText()).toMatch(/^\d+ ms$/);
    await app.byTestId("test-connection").click();
    await expect.poll(() => page.getByText(/Connected in \d+ ms/).count()).toBeGreaterThan(0);
  });

  it("switches the connection to Neon, Aurora (Data API) and Redshift Serverless through the local cloud", async () => {
    const { demo, cloud } = stack.dev.stack;
    /**
     * What the tenant does in its own AWS account (the demo account, which holds the cluster): copy
     * the trust policy the wizard shows and create the role with it, over IAM, once.
     */
    let roleArn: string | undefined;
    const tenantRole = async (): Promise<string> => {
      if (roleArn !== undefined) return roleArn;
      const policy = await app.byTestId("trust-policy").innerText();
      expect(JSON.parse(policy)).toMatchObject({
        Statement: [
          {
            Principal: { AWS: `arn:aws:iam::${LOCAL_PLATFORM.accountId}:root` },
            Condition: { StringEquals: { "sts:ExternalId": expect.any(String) } },
          },
        ],
      });
      const iam = new IAMClient({
        endpoint: cloud.url,
        region: DEMO.region,
        credentials: DEMO.accountCredentials,
      });
      const { Role } = await iam.send(
        new CreateRoleCommand({
          RoleName: `ada-shop-answerbase-${Date.now()}`,
          AssumeRolePolicyDocument: policy,
        }),
      );
      roleArn = Role!.Arn!;
      return roleArn;
    };
    const cases: [string, Record<string, string>, string | undefined, RegExp][] = [
      ["neon", { connectionString: demo.connectionString }, undefined, /Neon/],
      [
        "aurora_data_api",
        {
          resourceArn: demo.aurora.resourceArn,
          secretArn: demo.aurora.secretArn,
          database: demo.aurora.database,
          region: demo.aurora.region,
        },
        undefined,
        /Aurora/,
      ],
      [
        "redshift",
        {
          workgroupName: demo.redshift.workgroupName,
          database: demo.redshift.database,
          secretArn: demo.redshift.secretArn,
          region: demo.redshift.region,
        },
        "workgroup",
        /Redshift/,
      ],
    ];
    for (const [provider, fields, redshiftTarget, label] of cases) {
      await app.byTestId("edit-connection").click();
      await app.byTestId("connect-form").waitFor();
      // "Change" opens the form of the current provider: go back to the provider list.
      await page.getByRole("button", { name: "Choose another provider" }).click();
      if (provider !== "neon") {
        // The Data API providers need the organization's role: the wizard explains it first.
        await app.byTestId(`provider-${provider}`).click();
        if (redshiftTarget) await app.byTestId(`redshift-target-${redshiftTarget}`).click();
        fields.roleArn = await tenantRole();
      }
      await app.connect(provider, fields, redshiftTarget ? { redshiftTarget } : {});
      await app.byTestId("status-card").waitFor({ timeout: 30_000 });
      await expect.poll(() => app.byTestId("status-card").innerText()).toMatch(label);
      await expect.poll(() => app.status().innerText(), { timeout: 30_000 }).toBe("Connected");
    }
    await app.screenshot(`${SCREENSHOTS}dashboard-database-status.png`);
  });

  it("finds orders in the table browser and pages through its rows with next and previous", async () => {
    await app.byTestId("table-search").fill("order");
    await app.table("public.orders").click();
    await app.byTestId("data-grid").waitFor();
    await expect.poll(() => app.byTestId("grid-range").innerText(), { timeout: 20_000 }).toMatch(/^Rows 1–/);
    await app.byTestId("grid-page-size").selectOption("10");
    await expect.poll(() => app.byTestId("grid-range").innerText()).toMatch(/^Rows 1–10/);
    const firstPage = await app.byTestId("grid-body").innerText();
    await app.byTestId("grid-next").click();
    await expect.poll(() => app.byTestId("grid-range").innerText()).toMatch(/^Rows 11–/);
    expect(await app.byTestId("grid-body").innerText()).not.toBe(firstPage);
    await app.byTestId("grid-previous").click();
    await expect.poll(() => app.byTestId("grid-range").innerText()).toMatch(/^Rows 1–10/);
    expect(await app.byTestId("grid-body").innerText()).toBe(firstPage);
    await app.screenshot(`${SCREENSHOTS}dashboard-database-preview.png`);
  });

  it("sets orders to the suggested customer policy and products to public", async () => {
    await app.byTestId("tab-policy").click();
    await expect.poll(() => app.byTestId("policy-suggestion").innerText()).toMatch(/Customer/);
    await app.byTestId("use-suggestion").click();
    await app.byTestId("save-policy").click();
    await expect.poll(() => page.getByText("public.orders is now customer").count()).toBeGreaterThan(0);
    await app.screenshot(`${SCREENSHOTS}dashboard-database-policy.png`);

    // Before saving a change: what Alice would see, with her shipping address hidden.
    await app.byTestId("hide-column-shipping_address").check();
    expect(await app.byTestId("hide-column-customer_id").isDisabled()).toBe(true);
    await app.byTestId("customer-view-email").fill("alice@example.com");
    await app.byTestId("customer-view-show").click();
    const seen = app.byTestId("customer-view-rows");
    await expect.poll(() => seen.innerText(), { timeout: 30_000 }).toMatch(/1001/);
    expect(await seen.innerText()).not.toMatch(/1002|shipping_address|Pine St/);
    await app.byTestId("customer-view-email").fill("");
    await app.byTestId("customer-view-show").click();
    await expect
      .poll(() => app.byTestId("customer-view-refused").innerText(), { timeout: 30_000 })
      .toMatch(/verified contact/);
    await app.byTestId("save-policy").click();
    await expect.poll(() => app.byTestId("policy-editor").innerText()).toMatch(/hidden: shipping_address/);

    await app.byTestId("table-search").fill("products");
    await app.table("public.products").click();
    await app.byTestId("tab-policy").click();
    await app.byTestId("policy-public").click();
    await app.byTestId("save-policy").click();
    await expect.poll(() => page.getByText("public.products is now public").count()).toBeGreaterThan(0);
  });

  it("ingests the public and customer tables with live progress until done", async () => {
    await app.nav("knowledge");
    await app.byTestId("start-ingestion").click();
    await app.byTestId("current-job").waitFor();
    await expect
      .poll(() => app.byTestId("job-status").first().innerText(), { timeout: 120_000, interval: 500 })
      .toBe("done");
    const tables = await app
      .byTestId("job-table")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-table")));
    expect(tables.sort()).toEqual(["public.orders", "public.products"]);
    expect(await app.byTestId("job-rows").innerText()).toMatch(/^[1-9][\d,]* rows read/);
  });

  it("uploads a PDF by the file picker and sees it indexed and found by the search box", async () => {
    const pdf = await makePdf(
      [
        {
          heading: "Gift wrapping",
          paragraphs: ["Gift wrapping costs 4 euros per parcel and includes a handwritten card."],
        },
      ],
      { title: "Gift wrapping" },
    );
    await app
      .byTestId("upload-input")
      .setInputFiles({ name: "gift-wrapping.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    const row = page.locator('[data-testid="document-row"][data-name="gift-wrapping.pdf"]');
    await expect
      .poll(() => row.getByTestId("document-status").innerText(), { timeout: 60_000 })
      .toMatch(/Indexed/);
    await app.byTestId("knowledge-query").fill("How much does gift wrapping cost?");
    await app.byTestId("knowledge-search").click();
    await expect
      .poll(() => app.byTestId("knowledge-hits").innerText(), { timeout: 20_000 })
      .toMatch(/Gift wrapping/);
    await app.screenshot(`${SCREENSHOTS}dashboard-knowledge.png`);
  });

  it("creates an invitation link on the Members page, and the page works in dark mode", async () => {
    await app.nav("members");
    await expect.poll(() => app.byTestId("member-row").count()).toBe(1);
    await app.byTestId("create-invitation").click();
    await expect.poll(() => app.byTestId("invitation-link").inputValue()).toMatch(/\/invite\/[0-9a-f]{48}$/);
    await app.byTestId("theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await app.screenshot(`${SCREENSHOTS}dashboard-members-dark.png`);
    await app.byTestId("theme-toggle").click();
  });

  it("reviews the remaining suggestions and applies the ones it ticked in one step", async () => {
    await app.nav("database");
    const review = app.byTestId("review-suggestions");
    await review.waitFor({ timeout: 30_000 });
    const before = Number(/\((\d+)\)/.exec(await review.innerText())?.[1]);
    await review.click();
    const dialog = app.byTestId("review-dialog");
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/public\.customers[\s\S]*birth_date stay hidden/);
    for (const box of await dialog.locator('input[type="checkbox"]').all()) {
      if (await box.isChecked()) await box.uncheck();
    }
    await app.byTestId("review-public.customers").check();
    await app.byTestId("review-public.StoreLocations").check();
    await app.byTestId("review-apply").click();
    await expect.poll(() => page.getByText(/^2 policies applied/).count()).toBeGreaterThan(0);
    await expect.poll(() => review.innerText()).toBe(`Review suggestions (${before - 2})`);
  });

  it("had no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });
});
