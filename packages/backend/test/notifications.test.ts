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

describe("replies in conversations assigned to me", () => {
  const send = (c: { sessionToken: string; conversationId: Id<"conversations"> }, text: string) =>
    t.mutation(api.public.messages.send, { ...c, text });
  // Earlier tests leave escalations unread: each check looks at its own conversation.
  const about = async (who: typeof ada, conversationId: Id<"conversations">) =>
    (await unread(who)).latest.find((c) => c.conversationId === conversationId) ?? null;
  const open = (who: typeof ada, conversationId: Id<"conversations">) =>
    who.as.mutation(api.private.notifications.markOpened, { organizationId: shop, conversationId });

  it("are unread for the assignee only, until they open the thread; each new reply again", async () => {
    const carol = await customer(shop);
    tick();
    await t.mutation(api.public.conversations.escalate, carol);
    tick();
    // Ada answers: the conversation becomes hers, and she has it open.
    await open(ada, carol.conversationId);
    await ada.as.mutation(api.private.conversations.reply, {
      organizationId: shop,
      conversationId: carol.conversationId,
      text: "Looking into it.",
    });
    await open(bo, carol.conversationId);
    const before = (await unread(ada)).count;
    expect(await about(ada, carol.conversationId)).toBeNull();

    tick();
    await send(carol, "It is order 1001.");
    expect((await unread(ada)).count).toBe(before + 1);
    expect(await about(ada, carol.conversationId)).toEqual({
      conversationId: carol.conversationId,
      kind: "reply",
      at: Date.now(),
      preview: "It is order 1001.",
    });
    // Bo opened it after the escalation and it is not his: nothing new for him.
    expect(await about(bo, carol.conversationId)).toBeNull();

    tick();
    await open(ada, carol.conversationId);
    expect(await about(ada, carol.conversationId)).toBeNull();
    tick();
    await send(carol, "Any news?");
    expect(await about(ada, carol.conversationId)).toMatchObject({ kind: "reply", at: Date.now() });
  });

  it("follow the assignment: reassigned to Bo, his; Ada's own replies never count", async () => {
    const dan = await customer(shop);
    tick();
    await t.mutation(api.public.conversations.escalate, dan);
    await open(ada, dan.conversationId);
    await open(bo, dan.conversationId);
    await ada.as.mutation(api.private.conversationTeam.assign, {
      organizationId: shop,
      conversationId: dan.conversationId,
      userId: bo.userId,
    });
    tick();
    await bo.as.mutation(api.private.conversations.reply, {
      organizationId: shop,
      conversationId: dan.conversationId,
      text: "Hi, Bo here.",
    });
    expect(await about(bo, dan.conversationId)).toBeNull();
    tick();
    await send(dan, "Thanks Bo.");
    expect(await about(bo, dan.conversationId)).toMatchObject({ kind: "reply", preview: "Thanks Bo." });
    expect(await about(ada, dan.conversationId)).toBeNull();
  });
});
