// Operators' unread escalations: per operator, cleared by opening the thread, back when the conversation
// is escalated again; other organizations' and non-escalated conversations never count.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { hashSessionToken, newSessionToken } from "../convex/contacts/sessionToken.ts";
import { createUser, startBackend, type Backend } from "./support/backend.ts";

let t: Backend;
let ada: Awaited<ReturnType<typeof createUser>>;
let bo: Awaited<ReturnType<typeof createUser>>;
let shop: Id<"organizations">;
let rivalShop: Id<"organizations">;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.UTC(2026, 2, 10, 9));
  t = await startBackend();
  ada = await createUser(t, "ada@shop.test");
  bo = await createUser(t, "bo@shop.test");
  shop = await ada.as.mutation(api.private.organizations.create, { name: "Brightside" });
  await t.run((ctx) =>
    ctx.db.insert("memberships", { organizationId: shop, userId: bo.userId, role: "member" }),
  );
  const rival = await createUser(t, "owner@rival.test");
  rivalShop = await rival.as.mutation(api.private.organizations.create, { name: "Rival" });
});

const tick = () => vi.setSystemTime(Date.now() + 1_000);

async function customer(organizationId: Id<"organizations">) {
  const sessionToken = newSessionToken();
  const tokenHash = await hashSessionToken(sessionToken);
  await t.run((ctx) =>
    ctx.db.insert("contactSessions", {
      organizationId,
      tokenHash,
      name: "Carol",
      email: "carol@example.com",
      identity: { kind: "unverified" },
      expiresAt: Date.UTC(2027, 0, 1),
    }),
  );
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return { sessionToken, conversationId };
}

const unread = (who: typeof ada) => who.as.query(api.private.notifications.unread, { organizationId: shop });

describe("unread escalations", () => {
  it("count per operator: opening clears it for that operator only, a new escalation brings it back", async () => {
    const carol = await customer(shop);
    const quiet = await customer(shop);
    await customer(rivalShop).then((other) => t.mutation(api.public.conversations.escalate, other));
    expect((await unread(ada)).count).toBe(0);

    tick();
    await t.mutation(api.public.conversations.escalate, carol);
    expect(await unread(ada)).toMatchObject({
      count: 1,
      capped: false,
      latest: [{ conversationId: carol.conversationId }],
    });
    expect((await unread(bo)).count).toBe(1);
    // A conversation the agent still handles is not waiting for anyone.
    expect((await unread(ada)).latest.map((c) => c.conversationId)).not.toContain(quiet.conversationId);

    tick();
    await ada.as.mutation(api.private.notifications.markOpened, {
      organizationId: shop,
      conversationId: carol.conversationId,
    });
    expect((await unread(ada)).count).toBe(0);
    expect((await unread(bo)).count).toBe(1);

    // Handed back to the agent, then escalated again: unread for Ada again.
    tick();
    await ada.as.mutation(api.private.conversations.setStatus, {
      organizationId: shop,
      conversationId: carol.conversationId,
      status: "unresolved",
    });
    expect((await unread(bo)).count).toBe(0);
    tick();
    await t.mutation(api.public.conversations.escalate, carol);
    expect((await unread(ada)).count).toBe(1);
  });

  it("marking another organization's conversation is refused", async () => {
    const other = await customer(rivalShop);
    const refused = await ada.as
      .mutation(api.private.notifications.markOpened, {
        organizationId: shop,
        conversationId: other.conversationId,
      })
      .then(
        () => null,
        (error: { data?: { code?: string } }) => error.data?.code,
      );
    expect(refused).toBe("not_found");
  });
});
