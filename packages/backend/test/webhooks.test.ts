// Outbound webhooks against a real HTTP receiver on 127.0.0.1: every request is checked with the
// `standardwebhooks` package (what receivers use), failed attempts are retried with the same
// `webhook-id`, a hanging receiver is cut off, private addresses need the operator's grant, redirects
// are refused, an endpoint failing for the whole window is disabled, and a delivery can be replayed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EGRESS_REFUSED_MESSAGE } from "@answerbase/egress";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  createUser,
  grantPrivateNetworks,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";
import { Receiver, type Received } from "./support/webhook-receiver.ts";

const receiver = new Receiver({
  "/fails-twice": (count) => (count <= 2 ? 500 : 200),
  "/hangs-once": (count) => (count === 1 ? "hang" : 200),
  "/always-500": () => 500,
});

let t: Backend;
let owner: Caller;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  await receiver.start();
  Object.assign(process.env, await generateDeploymentSecrets(), {
    // A short schedule and timeout so retries happen within the test; the defaults are in webhooks/schedule.ts.
    WEBHOOK_RETRY_DELAYS_MS: "200,200,200,200,200",
    WEBHOOK_TIMEOUT_MS: "1500",
    WEBHOOK_DISABLE_AFTER_MS: String(24 * 60 * 60 * 1000),
    // Fewer attempt slots than the default (64) so the burst test below reaches the cap.
    WEBHOOK_MAX_IN_FLIGHT: "8",
  });
  t = await startBackend();
  const user = await createUser(t, "owner@hooks.test");
  owner = user.as;
  organizationId = await owner.mutation(api.private.organizations.create, { name: "Hooks" });
  await grantPrivateNetworks(t, organizationId);
});
afterAll(() => receiver.stop());

async function addEndpoint(
  path: string,
  eventTypes: ("conversation.created" | "message.created" | "conversation.escalated")[] = [
    "conversation.created",
  ],
  at = organizationId,
) {
  return await owner.mutation(api.private.webhooks.create, {
    organizationId: at,
    url: receiver.url(path),
    description: `receiver ${path}`,
    eventTypes,
  });
}

/** The endpoint's deliveries once `done` holds for them (the scheduler runs on real timers). */
async function deliveriesWhen(
  endpointId: Id<"webhookEndpoints">,
  done: (page: Awaited<ReturnType<typeof listDeliveries>>) => boolean,
  at = organizationId,
) {
  let page = await listDeliveries(endpointId, at);
  for (let i = 0; i < 300 && !done(page); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    page = await listDeliveries(endpointId, at);
  }
  return page;
}

async function listDeliveries(endpointId: Id<"webhookEndpoints">, at = organizationId) {
  const result = await owner.query(api.private.webhooks.deliveries, {
    organizationId: at,
    endpointId,
    paginationOpts: { numItems: 50, cursor: null },
  });
  return result.page;
}

const settled = (page: { status: { kind: string } }[]) =>
  page.length > 0 && page.every((delivery) => delivery.status.kind !== "pending");

function verify(secret: string, request: Received): unknown {
  return new Webhook(secret).verify(request.body, request.headers);
}

describe("delivery", () => {
  it("signs per Standard Webhooks: the receiver's library verifies it, and a wrong secret does not", async () => {
    const { endpointId, secret } = await addEndpoint("/ok");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { deliveryId } = await owner.mutation(api.private.webhooks.sendTest, {
      organizationId,
      endpointId,
    });
    const [delivery] = await deliveriesWhen(endpointId, settled);
    expect(delivery).toMatchObject({
      deliveryId,
      eventType: "webhook.test",
      status: { kind: "succeeded" },
      attempts: 1,
      lastAttempt: { outcome: { kind: "response", httpStatus: 200, excerpt: "answer 200 to request 1" } },
    });
    const [request] = receiver.at("/ok");
    expect(request!.headers["webhook-id"]).toBe(delivery!.webhookId);
    expect(verify(secret, request!)).toEqual({
      type: "webhook.test",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { endpointId, message: expect.any(String) },
    });
    const { secret: other } = await addEndpoint("/unused");
    expect(() => verify(other, request!)).toThrow(/signature/i);
  });

  it("never returns the secret again: the list has no secret; rotating without grace signs with the new one only", async () => {
    const { endpointId, secret } = await addEndpoint("/rotated");
    const listed = await owner.query(api.private.webhooks.list, { organizationId });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const { secret: rotated, previousSecretRetiresAt } = await owner.mutation(
      api.private.webhooks.rotateSecret,
      { organizationId, endpointId, graceHours: 0 },
    );
    expect(rotated).not.toBe(secret);
    expect(previousSecretRetiresAt).toBeNull();
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    await deliveriesWhen(endpointId, settled);
    const [request] = receiver.at("/rotated");
    expect(verify(rotated, request!)).toMatchObject({ type: "webhook.test" });
    expect(() => verify(secret, request!)).toThrow(/signature/i);
  });

  it("rotating keeps the previous secret signing for 24 h (either secret verifies), then drops it", async () => {
    const { endpointId, secret: old } = await addEndpoint("/grace");
    const before = Date.now();
    const { secret: rotated, previousSecretRetiresAt } = await owner.mutation(
      api.private.webhooks.rotateSecret,
      { organizationId, endpointId },
    );
    const day = 24 * 60 * 60 * 1000;
    expect(previousSecretRetiresAt).toBeGreaterThanOrEqual(before + day);
    expect(previousSecretRetiresAt).toBeLessThanOrEqual(Date.now() + day);
    const listed = await owner.query(api.private.webhooks.list, { organizationId });
    expect(listed.find((e) => e.endpointId === endpointId)!.previousSecretRetiresAt).toBe(
      previousSecretRetiresAt,
    );

    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    await deliveriesWhen(endpointId, settled);
    const [during] = receiver.at("/grace");
    expect(during!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    // A receiver still on the old secret and one already on the new one both accept it.
    expect(verify(old, during!)).toMatchObject({ type: "webhook.test" });
    expect(verify(rotated, during!)).toMatchObject({ type: "webhook.test" });

    // The grace period ends (its time moved into the past): the old secret stops signing, then is deleted.
    const retiring = await t.run(async (ctx) => {
      const rows = await ctx.db
        .query("webhookSecrets")
        .withIndex("by_endpointId", (q) => q.eq("endpointId", endpointId))
        .collect();
      const row = rows.find((r) => r.retiresAt !== undefined)!;
      await ctx.db.patch(row._id, { retiresAt: Date.now() - 1 });
      return row._id;
    });
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    await deliveriesWhen(endpointId, (page) => page.length === 2 && settled(page));
    const after = receiver.at("/grace")[1]!;
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verify(rotated, after)).toMatchObject({ type: "webhook.test" });
    expect(() => verify(old, after)).toThrow(/signature/i);
    await t.mutation(internal.system.webhooks.dropRetiredSecret, { secretId: retiring });
    expect(await t.run((ctx) => ctx.db.get(retiring))).toBeNull();
    const relisted = await owner.query(api.private.webhooks.list, { organizationId });
    expect(relisted.find((e) => e.endpointId === endpointId)!.previousSecretRetiresAt).toBeNull();
    // More than a week is refused, naming the field.
    await expect(
      owner.mutation(api.private.webhooks.rotateSecret, { organizationId, endpointId, graceHours: 200 }),
    ).rejects.toThrow(/0 to 168 hours/);
  });

  it("sends the widget's events to the endpoints subscribed to them", async () => {
    const { endpointId, secret } = await addEndpoint("/widget", [
      "conversation.created",
      "conversation.escalated",
    ]);
    const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
      organizationId,
      name: "Visitor",
      email: "visitor@example.com",
    });
    const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
    await t.mutation(api.public.conversations.escalate, { sessionToken, conversationId });
    const page = await deliveriesWhen(endpointId, (p) => p.length === 2 && settled(p));
    expect(page.map((delivery) => delivery.eventType).sort()).toEqual([
      "conversation.created",
      "conversation.escalated",
    ]);
    const payloads = receiver.at("/widget").map((request) => verify(secret, request));
    expect(payloads).toContainEqual({
      type: "conversation.created",
      timestamp: expect.any(String),
      data: { conversationId, channel: "widget" },
    });
    expect(payloads).toContainEqual({
      type: "conversation.escalated",
      timestamp: expect.any(String),
      data: { conversationId, by: "contact", reason: expect.any(String) },
    });
  });

  it("sends answer.recorded and lookup.failed with sources and timings, never the SQL or its rows", async () => {
    const { endpointId, secret } = await owner.mutation(api.private.webhooks.create, {
      organizationId,
      url: receiver.url("/answers"),
      description: "",
      eventTypes: ["answer.recorded", "lookup.failed"],
    });
    await t.mutation(internal.system.conversationRecords.recordAnswer, {
      record: {
        organizationId,
        threadId: "thread-1",
        channel: "playground",
        outcome: "knowledge_base",
        sources: [
          {
            kind: "sql",
            table: "orders",
            statement: "SELECT secret_column FROM orders",
            rowCount: 2,
            durationMs: 5,
          },
          { kind: "document", title: "Returns" },
        ],
        database: { ms: 120, outcome: "timeout", code: "timeout" },
        knowledgeBase: { ms: 40, outcome: "ok" },
        totalMs: 900,
        modelId: "test",
      },
      replyText: "Returns are accepted within 30 days.",
    });
    await deliveriesWhen(endpointId, (p) => p.length === 2 && settled(p));
    const requests = receiver.at("/answers");
    expect(requests.map((r) => r.body).join()).not.toMatch(/secret_column|SELECT|30 days/);
    const payloads = requests.map((request) => verify(secret, request));
    expect(payloads).toContainEqual({
      type: "answer.recorded",
      timestamp: expect.any(String),
      data: {
        conversationId: null,
        channel: "playground",
        outcome: "knowledge_base",
        sources: [
          { kind: "rows", table: "orders", count: 2 },
          { kind: "document", title: "Returns" },
        ],
        timings: {
          totalMs: 900,
          database: { ms: 120, outcome: "timeout" },
          knowledgeBase: { ms: 40, outcome: "ok" },
        },
      },
    });
    expect(payloads).toContainEqual({
      type: "lookup.failed",
      timestamp: expect.any(String),
      data: { conversationId: null, channel: "playground", outcome: "timeout", code: "timeout", ms: 120 },
    });
  });

  it("retries after 500s with the same webhook-id until the receiver accepts", async () => {
    const { endpointId, secret } = await addEndpoint("/fails-twice");
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    const [delivery] = await deliveriesWhen(endpointId, settled);
    expect(delivery).toMatchObject({ status: { kind: "succeeded" }, attempts: 3 });
    const requests = receiver.at("/fails-twice");
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery!.webhookId]));
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    for (const request of requests) expect(verify(secret, request)).toMatchObject({ type: "webhook.test" });
  });

  it("cuts a hanging receiver off at the timeout and retries with the same webhook-id", async () => {
    const { endpointId } = await addEndpoint("/hangs-once");
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    const [delivery] = await deliveriesWhen(endpointId, settled);
    expect(delivery).toMatchObject({ status: { kind: "succeeded" }, attempts: 2 });
    const requests = receiver.at("/hangs-once");
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([delivery!.webhookId, delivery!.webhookId]);
  });

  it("gives up after the last retry and keeps the receiver's answer", async () => {
    const { endpointId } = await addEndpoint("/always-500");
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    const [delivery] = await deliveriesWhen(endpointId, settled);
    // One attempt plus one per retry delay (WEBHOOK_RETRY_DELAYS_MS has five).
    expect(delivery).toMatchObject({
      status: { kind: "failed", reason: "Gave up after 6 attempts." },
      attempts: 6,
      lastAttempt: { outcome: { kind: "response", httpStatus: 500, excerpt: "answer 500 to request 6" } },
    });
  });

  it("replays a delivery with the same webhook-id and body", async () => {
    const { endpointId, secret } = await addEndpoint("/replayed");
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    const [first] = await deliveriesWhen(endpointId, settled);
    await owner.mutation(api.private.webhooks.replay, { organizationId, deliveryId: first!.deliveryId });
    const [replayed] = await deliveriesWhen(endpointId, (p) => p[0]?.attempts === 2 && settled(p));
    expect(replayed).toMatchObject({
      deliveryId: first!.deliveryId,
      status: { kind: "succeeded" },
      attempts: 2,
    });
    const requests = receiver.at("/replayed");
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers["webhook-id"]).toBe(requests[0]!.headers["webhook-id"]);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(verify(secret, requests[1]!)).toMatchObject({ type: "webhook.test" });
  });
});

describe("durability", () => {
  it("starts again a pending delivery whose scheduled attempt was lost (a restart), with its webhook-id", async () => {
    const { endpointId, secret } = await addEndpoint("/lost");
    // What a restart leaves: the delivery row pending and overdue, no scheduled function for it.
    const webhookId = await t.run(async (ctx) => {
      const body = JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: {} });
      const eventId = await ctx.db.insert("webhookEvents", { organizationId, type: "webhook.test", body });
      const delivery = {
        organizationId,
        endpointId,
        eventId,
        eventType: "webhook.test" as const,
        webhookId: `msg_${eventId}_${endpointId}`,
        status: { kind: "pending" as const, nextAttemptAt: Date.now() - 5 * 60_000 },
        attempts: 1,
      };
      await ctx.db.insert("webhookDeliveries", delivery);
      return delivery.webhookId;
    });
    expect(await t.mutation(internal.system.webhooks.sweep, {})).toBe(1);
    const [delivery] = await deliveriesWhen(endpointId, settled);
    expect(delivery).toMatchObject({ webhookId, status: { kind: "succeeded" }, attempts: 2 });
    const [request] = receiver.at("/lost");
    expect(request!.headers["webhook-id"]).toBe(webhookId);
    expect(verify(secret, request!)).toMatchObject({ type: "webhook.test" });
  });
});

describe("a burst", () => {
  it("keeps at most 8 attempts in flight per endpoint; every event arrives once, none re-sent", async () => {
    // A receiver that takes 300 ms to answer and counts the requests it holds at once.
    let open = 0;
    let most = 0;
    const ids: string[] = [];
    const slow = createServer((request, response) => {
      open += 1;
      most = Math.max(most, open);
      ids.push(String(request.headers["webhook-id"]));
      request.resume();
      setTimeout(() => {
        open -= 1;
        response.writeHead(200).end("ok");
      }, 300);
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const { endpointId } = await owner.mutation(api.private.webhooks.create, {
        organizationId,
        url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`,
        description: "slow receiver",
        eventTypes: ["conversation.created"],
      });
      for (let i = 0; i < 24; i++)
        await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
      const page = await deliveriesWhen(endpointId, (p) => p.length === 24 && settled(p));
      expect(page.every((d) => d.status.kind === "succeeded" && d.attempts === 1)).toBe(true);
      expect(ids).toHaveLength(24);
      expect(new Set(ids).size).toBe(24);
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(8);
    } finally {
      slow.close();
    }
  });
});

describe("the egress policy", () => {
  it("refuses a private address without the operator's grant, and the receiver gets nothing", async () => {
    const tenant = await owner.mutation(api.private.organizations.create, { name: "No grant" });
    const { endpointId } = await addEndpoint("/private", ["conversation.created"], tenant);
    await owner.mutation(api.private.webhooks.sendTest, { organizationId: tenant, endpointId });
    const [delivery] = await deliveriesWhen(endpointId, (p) => p[0]?.lastAttempt !== null, tenant);
    expect(delivery!.lastAttempt!.outcome).toEqual({
      kind: "error",
      code: "forbidden_network",
      message: EGRESS_REFUSED_MESSAGE,
    });
    expect(receiver.at("/private")).toEqual([]);
  });

  it("does not follow a redirect, even to an address the organization may reach", async () => {
    const { endpointId } = await addEndpoint("/redirect");
    await owner.mutation(api.private.webhooks.sendTest, { organizationId, endpointId });
    const [delivery] = await deliveriesWhen(endpointId, (p) => p[0]?.lastAttempt !== null);
    expect(delivery!.lastAttempt!.outcome).toMatchObject({ kind: "error", code: "redirect_refused" });
    expect(receiver.at("/redirect").length).toBeGreaterThan(0);
    expect(receiver.at("/ok").every((r) => r.headers["webhook-id"] !== delivery!.webhookId)).toBe(true);
  });
});

describe("an endpoint failing continuously", () => {
  it("is disabled after the failing window, with a notice, an audit entry and an e-mail to its admins; enabling and replaying delivers", async () => {
    process.env.WEBHOOK_DISABLE_AFTER_MS = "500";
    const inbox: { to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
    try {
      const tenant = await owner.mutation(api.private.organizations.create, { name: "Failing" });
      await grantPrivateNetworks(t, tenant);
      const { endpointId } = await addEndpoint("/always-500", ["conversation.created"], tenant);
      await owner.mutation(api.private.webhooks.sendTest, { organizationId: tenant, endpointId });
      const [delivery] = await deliveriesWhen(endpointId, settled, tenant);
      expect(delivery!.status).toMatchObject({ kind: "failed", reason: expect.stringMatching(/disabled/) });
      const [endpoint] = await owner.query(api.private.webhooks.list, { organizationId: tenant });
      expect(endpoint!.status).toMatchObject({
        kind: "disabled",
        reason: "failing",
        message: expect.stringMatching(/^Disabled automatically/),
      });
      const audit = await owner.query(api.private.auditLog.list, {
        organizationId: tenant,
        paginationOpts: { numItems: 10, cursor: null },
      });
      expect(audit.page).toContainEqual(
        expect.objectContaining({
          operation: "webhook_disabled",
          outcome: { kind: "error", code: "endpoint_failing" },
        }),
      );
      // Other tests' endpoints still retrying may be disabled by the short window too: this one's mail is the one naming it.
      const decoded = () => inbox.map((m) => ({ to: m.to, text: m.raw.replace(/=\r?\n/g, "") })); // quoted-printable
      const mine = () => decoded().filter((m) => m.text.includes(receiver.url("/always-500")));
      await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(1);
      expect(mine()[0]!.to).toEqual(["owner@hooks.test"]);
      expect(mine()[0]!.text).toMatch(/was disabled/);
      await expect(
        owner.mutation(api.private.webhooks.sendTest, { organizationId: tenant, endpointId }),
      ).rejects.toMatchObject({ data: { code: "invalid_input" } });
      // Fixed receiver: point it at /ok, enable, replay the failed delivery.
      await owner.mutation(api.private.webhooks.update, {
        organizationId: tenant,
        endpointId,
        url: receiver.url("/fixed"),
        description: "fixed",
        eventTypes: ["conversation.created"],
      });
      await owner.mutation(api.private.webhooks.setEnabled, {
        organizationId: tenant,
        endpointId,
        enabled: true,
      });
      await owner.mutation(api.private.webhooks.replay, {
        organizationId: tenant,
        deliveryId: delivery!.deliveryId,
      });
      const [replayed] = await deliveriesWhen(endpointId, (p) => p[0]?.status.kind === "succeeded", tenant);
      expect(replayed!.status.kind).toBe("succeeded");
      expect(receiver.at("/fixed").map((r) => r.headers["webhook-id"])).toEqual([delivery!.webhookId]);
    } finally {
      process.env.WEBHOOK_DISABLE_AFTER_MS = String(24 * 60 * 60 * 1000);
      delete process.env.SMTP_URL;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe("bad input", () => {
  it("names the field: a URL that is not http(s), no events", async () => {
    await expect(
      owner.mutation(api.private.webhooks.create, {
        organizationId,
        url: "ftp://example.com/hook",
        description: "",
        eventTypes: [],
      }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_input",
        fields: [
          { field: "url", message: expect.any(String) },
          { field: "eventTypes", message: expect.any(String) },
        ],
      },
    });
  });
});
