// The Webhooks page: the demo organization's owner adds an endpoint pointing at a receiver on this
// machine (the demo organization is allowed private networks), copies the secret shown once, sends a
// test event and sees its delivery succeed; the receiver got it, signed with that secret.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import {
  SCREENSHOTS,
  dashboardSessionForFile,
  type DashboardSession,
} from "../../src/dashboard/dashboard-session.ts";
import { WebhooksPage } from "../../src/dashboard/webhooks-page.ts";
import { startWebhookReceiver } from "../../src/webhook-receiver.ts";

let session: DashboardSession;
let owner: DashboardPage;
const receiver = await startWebhookReceiver();

dashboardSessionForFile((started) => {
  session = started;
  owner = started.app;
});
afterAll(() => receiver.stop());

describe("webhooks", () => {
  it("adds an endpoint, sends a test event and shows the delivery the receiver got", async () => {
    await owner.goto("/sign-in");
    await owner.fillAuthForm({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await owner.byTestId("active-organization").waitFor({ timeout: 30_000 });
    const webhooks = new WebhooksPage(owner);
    await webhooks.open();

    const secret = await webhooks.addEndpoint(receiver.url, [
      "conversation.created",
      "conversation.escalated",
    ]);
    expect(secret).toMatch(/^whsec_/);
    const endpoint = webhooks.endpoint(receiver.url);
    await endpoint.waitFor();
    expect(await endpoint.getByTestId("webhook-endpoint-status").getAttribute("data-status")).toBe("enabled");
    await owner.byTestId("webhook-secret-hide").click();
    await owner.byTestId("webhook-secret-once").waitFor({ state: "detached" });

    await endpoint.getByTestId("webhook-send-test").click();
    const delivered = webhooks.deliveries(receiver.url).and(owner.page.locator('[data-status="succeeded"]'));
    await delivered.first().waitFor({ timeout: 30_000 });
    expect(await delivered.first().getByTestId("webhook-delivery-http").innerText()).toBe("200");
    expect(await delivered.first().getByTestId("webhook-delivery-response").innerText()).toBe("received");

    await expect.poll(() => receiver.received.length).toBeGreaterThan(0);
    const [request] = receiver.received;
    expect(request!.headers["webhook-id"]).toBe(await delivered.first().getAttribute("data-webhook-id"));
    expect(new Webhook(secret).verify(request!.body, request!.headers)).toMatchObject({
      type: "webhook.test",
      data: { message: expect.any(String) },
    });
    await endpoint.scrollIntoViewIfNeeded();
    await owner.screenshot(`${SCREENSHOTS}dashboard-webhooks.png`);
    expect(session.pageErrors).toEqual([]);
  });
});
