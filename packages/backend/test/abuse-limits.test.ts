// One visitor cannot switch the chat off for the others: session starts and message budgets count per
// client (its network when a trusted proxy reports the IP, else its widget client token) under far
// higher per-organization ceilings, and opening new sessions never buys a client more messages.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  createUser,
  deploymentEnv,
  ingestionSettled,
  seedDemo,
  startBackend,
  type Backend,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), {
    EMBEDDING_MODEL: "test",
    ANSWERBASE_CLIENT_IP_HEADER: "x-forwarded-for",
  });
  t = await startBackend();
  const demo = await seedDemo(t, cloud);
  organizationId = demo.organizationId;
  await ingestionSettled(demo.owner, organizationId);
});
afterAll(() => cloud?.stop());

/** `POST /widget/clients` as the widget calls it, from `ip` as the trusted proxy reports it. */
async function register(ip: string | null, organization: string = organizationId) {
  const response = await t.fetch("/widget/clients", {
    method: "POST",
    headers: { "content-type": "application/json", ...(ip ? { "x-forwarded-for": `10.9.9.9, ${ip}` } : {}) },
    body: JSON.stringify({ organizationId: organization }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function clientToken(ip: string | null): Promise<string> {
  const { status, body } = await register(ip);
  expect(status).toBe(200);
  return body.clientToken as string;
}

function start(clientToken: string | undefined, name = "Visitor") {
  return t.mutation(api.public.contactSessions.start, {
    organizationId,
    name,
    email: `${name.toLowerCase()}@example.com`,
    ...(clientToken === undefined ? {} : { clientToken }),
  });
}

async function attempts(count: number, call: () => Promise<unknown>) {
  let refused = 0;
  for (let i = 0; i < count; i++) {
    await call().catch((error: { data?: { code?: string } }) => {
      expect(error.data?.code).toBe("rate_limited");
      refused += 1;
    });
  }
  return { allowed: count - refused, refused };
}

async function firstReply(sessionToken: string, conversationId: Id<"conversations">) {
  for (let i = 0; i < 200; i++) {
    const { page } = await t.query(api.public.messages.list, {
      sessionToken,
      conversationId,
      paginationOpts: { numItems: 20, cursor: null },
    });
    const reply = page.find((doc) => doc.message?.role === "assistant" && (doc.text ?? "") !== "");
    if (reply) return reply.text ?? "";
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no reply");
}

describe("behind a trusted proxy (client IP known)", () => {
  it("client A floods session starts; client B still starts a session and gets an answer", async () => {
    const flooder = await clientToken("203.0.113.7");
    const flood = await attempts(75, () => start(flooder, "Flood"));
    expect(flood.allowed).toBe(10);
    expect(flood.refused).toBe(65);

    const visitor = await clientToken("198.51.100.4");
    const { sessionToken } = await start(visitor, "Bea");
    const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
    await t.mutation(api.public.messages.send, {
      sessionToken,
      conversationId,
      text: "What is your return policy?",
    });
    expect(await firstReply(sessionToken, conversationId)).not.toBe("");
  });

  it("minting more tokens from one network buys no more: they share its budget, and minting is limited", async () => {
    const tokens = [await clientToken("192.0.2.50"), await clientToken("192.0.2.50")];
    let turn = 0;
    const spread = await attempts(16, () => start(tokens[turn++ % 2], "Spread"));
    expect(spread.allowed).toBe(10);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await register("192.0.2.51")).status);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429, 429]);
    const { status, body } = await register("192.0.2.51");
    expect(status).toBe(429);
    expect(body).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/network/) });
  });

  it("counts one IPv6 /64 as one network", async () => {
    const first = await clientToken("2001:db8:1:2::1");
    const second = await clientToken("2001:db8:1:2:ffff::9");
    const shared = await attempts(12, async () => start(Math.random() < 0.5 ? first : second, "Six"));
    expect(shared.allowed).toBe(10);
  });
});

describe("message budgets", () => {
  it("new sessions of one client share its message budget", async () => {
    const token = await clientToken("198.51.100.77");
    let sent = 0;
    let refused = 0;
    for (let session = 0; session < 3; session++) {
      const { sessionToken } = await start(token, `Chatty`);
      const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
      for (let i = 0; i < 6; i++) {
        await t
          .mutation(api.public.messages.send, { sessionToken, conversationId, text: `question ${i}` })
          .then(
            () => (sent += 1),
            (error: { data?: { code?: string } }) => {
              expect(error.data?.code).toBe("rate_limited");
              refused += 1;
            },
          );
      }
    }
    expect(sent).toBe(10);
    expect(refused).toBe(8);
  });
});

describe("the client token", () => {
  it("is refused when malformed, unknown or another organization's", async () => {
    const stranger = await createUser(t, "owner@elsewhere.test");
    const elsewhere = await stranger.as.mutation(api.private.organizations.create, { name: "Elsewhere" });
    const { body } = await register("198.51.100.31", elsewhere);
    for (const token of ["nope", `wc_${"0".repeat(64)}`, body.clientToken as string]) {
      await expect(start(token)).rejects.toMatchObject({ data: { code: "invalid_input" } });
    }
  });

  it("callers without one share a small bucket that does not touch the widget's visitors", async () => {
    const withoutToken = await attempts(70, () => start(undefined, "Script"));
    expect(withoutToken.allowed).toBe(60);
    await expect(start(await clientToken("198.51.100.200"), "Widget")).resolves.toMatchObject({
      verified: false,
    });
  });

  it("the route answers CORS preflights, bad JSON and unknown organizations plainly", async () => {
    const preflight = await t.fetch("/widget/clients", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const bad = await t.fetch("/widget/clients", { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
    expect(await register("198.51.100.9", "not-an-id")).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
  });
});
