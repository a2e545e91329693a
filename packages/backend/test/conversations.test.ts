// The widget's conversations end to end: session token → conversation → message → the agent's streamed
// reply from the database, bound to the session on every public function; escalation; bad input; the
// operator's view of a reply while it streams, bound to the organization.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { signIdentity } from "../convex/contacts/identity.ts";
import {
  createUser,
  deploymentEnv,
  startBackend,
  seedDemo,
  ingestionSettled,
  type Backend,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: ReturnType<Backend["withIdentity"]>;
let widgetSecret: string;
const page = { numItems: 50, cursor: null };

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  widgetSecret = (await owner.mutation(api.private.widgetIdentity.rotateSecret, { organizationId })).secret;
  // The seed starts the first ingestion; let it finish so no step is still reading when the cloud stops.
  await ingestionSettled(owner, organizationId);
});
afterAll(() => cloud?.stop());

async function contact(email: string, verified: boolean) {
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId,
    name: email.split("@")[0] ?? "Someone",
    email,
    ...(verified ? { signature: await signIdentity(widgetSecret, email) } : {}),
  });
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return { sessionToken, conversationId };
}

type Contact = Awaited<ReturnType<typeof contact>>;

async function transcript({ sessionToken, conversationId }: Contact) {
  const result = await t.query(api.public.messages.list, {
    sessionToken,
    conversationId,
    paginationOpts: page,
  });
  return result.page
    .slice()
    .reverse()
    .map((doc) => ({ role: doc.message?.role, text: doc.text ?? "" }));
}

/** Sends and waits until the thread holds `expected` assistant replies (the agent runs scheduled). */
async function say(who: Contact, text: string, expectedReplies: number) {
  const sent = await t.mutation(api.public.messages.send, { ...who, text });
  for (let i = 0; i < 200; i++) {
    const messages = await transcript(who);
    const replies = messages.filter((m) => m.role === "assistant" && m.text !== "");
    if (replies.length >= expectedReplies) return { sent, reply: replies.at(-1)?.text ?? "", messages };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no reply to "${text}"`);
}

describe("a conversation with the agent", () => {
  it("a verified customer gets their order from the database, streamed into the thread, with sources kept", async () => {
    const alice = await contact("alice@example.com", true);
    const { sent, reply, messages } = await say(alice, "where is my order #1001?", 1);
    const { answers, conversation } = await owner.query(api.private.conversations.get, {
      organizationId,
      conversationId: alice.conversationId,
    });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ outcome: "database", channel: "widget", database: { outcome: "ok" } });
    expect(answers[0]?.sources).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "rows" })]));
    expect(sent.agentWillReply).toBe(true);
    expect(reply).toContain("1Z999AA10123456784");
    expect(reply).toContain("shipped");
    // Tool calls and results are not part of what the widget gets.
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(conversation).toMatchObject({ unreadByOperators: 1, contact: { verified: true } });
    expect(conversation.preview).toContain("order number: 1001");
    const shown = await t.query(api.public.messages.sources, alice);
    expect(shown).toEqual([
      expect.objectContaining({
        outcome: "database",
        sources: expect.arrayContaining([{ kind: "rows", table: "public.orders", count: 1 }]),
      }),
    ]);

    // Another customer's order number gets nothing of theirs.
    const other = await say(alice, "and where is order #1002?", 2);
    expect(other.reply).not.toMatch(/1002/);
  });

  it("an unverified contact gets no customer rows and is told how to get account help", async () => {
    const visitor = await contact("alice@example.com", false);
    const { reply } = await say(visitor, "where is my order #1001?", 1);
    expect(reply).not.toContain("1Z999AA10123456784");
    expect(reply).toMatch(/sign in/i);
  });

  it("asking for a person escalates; the agent then stays silent until an operator hands back", async () => {
    const bob = await contact("bob@example.com", true);
    const escalation = await say(bob, "I want to talk to a human please", 1);
    expect(escalation.reply).toMatch(/support team/);
    expect(await t.query(api.public.conversations.get, bob)).toMatchObject({ status: "escalated" });

    const waiting = await t.mutation(api.public.messages.send, {
      ...bob,
      text: "hello? where is order 1002",
    });
    expect(waiting.agentWillReply).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await transcript(bob)).filter((m) => m.role === "assistant")).toHaveLength(1);

    await owner.mutation(api.private.conversations.reply, {
      organizationId,
      conversationId: bob.conversationId,
      text: "Hi Bob, I'm looking into it.",
    });
    expect((await transcript(bob)).at(-1)).toEqual({
      role: "assistant",
      text: "Hi Bob, I'm looking into it.",
    });

    await owner.mutation(api.private.conversations.setStatus, {
      organizationId,
      conversationId: bob.conversationId,
      status: "unresolved",
    });
    const back = await say(bob, "thanks, that solved it", 3);
    expect(back.reply).toMatch(/resolved/);
    expect(await t.query(api.public.conversations.get, bob)).toMatchObject({ status: "resolved" });
  });
});

describe("binding and bad input", () => {
  it("every public function refuses another session's conversation and expired or forged tokens", async () => {
    const alice = await contact("alice@example.com", true);
    const mallory = await contact("mallory@example.com", false);
    const stolen = { sessionToken: mallory.sessionToken, conversationId: alice.conversationId };
    const calls = (who: Contact) => [
      () => t.query(api.public.conversations.get, who),
      () => t.query(api.public.messages.list, { ...who, paginationOpts: page }),
      () => t.mutation(api.public.messages.send, { ...who, text: "list every order" }),
      () => t.mutation(api.public.conversations.escalate, who),
      () => t.query(api.public.messages.sources, who),
    ];
    for (const call of calls(stolen))
      await expect(call()).rejects.toMatchObject({ data: { code: "not_found" } });

    const forged = { sessionToken: `cs_${"ab".repeat(32)}`, conversationId: alice.conversationId };
    const startWithForged = () =>
      t.mutation(api.public.conversations.start, { sessionToken: forged.sessionToken });
    for (const call of [...calls(forged), startWithForged]) {
      await expect(call()).rejects.toMatchObject({ data: { code: "session_expired" } });
    }
    await t.run(async (ctx) => {
      for (const session of await ctx.db.query("contactSessions").collect())
        await ctx.db.patch(session._id, { expiresAt: Date.now() - 1 });
    });
    for (const call of calls(alice)) {
      await expect(call()).rejects.toMatchObject({ data: { code: "session_expired" } });
    }
  });

  it("empty, huge and binary messages get a clear error and nothing is saved", async () => {
    const carol = await contact("carol@example.com", true);
    const cases: [string, RegExp][] = [
      ["   ", /Type a message/],
      ["x".repeat(10_001), /at most 10,000 characters/],
      ["order \u0000\u0001\u0002 1001", /binary/],
    ];
    for (const [text, message] of cases) {
      await expect(t.mutation(api.public.messages.send, { ...carol, text })).rejects.toMatchObject({
        data: { code: "invalid_input", message: expect.stringMatching(message) },
      });
    }
    expect(await transcript(carol)).toEqual([]);
    // A long (but allowed) question in another language still gets a reply, never a stack trace.
    const { reply } = await say(carol, `¿Dónde está mi pedido 1003? ${"por favor ".repeat(900)}`, 1);
    expect(reply).not.toMatch(/at .*\.ts:\d+|Error:/);
  });
});

describe("the operator's inbox", () => {
  const noPage = { numItems: 0, cursor: null };
  const listStreams = { kind: "list" as const, startOrder: 0 };

  /** The text a stream's deltas add up to (the agent saves them as UI message chunks). */
  function joinedText(parts: unknown[]): string {
    return (parts as { type: string; delta?: string }[])
      .filter((part) => part.type === "text-delta")
      .map((part) => part.delta ?? "")
      .join("");
  }

  it("finds a conversation from a link: its id when it is this organization's, null otherwise", async () => {
    const alice = await contact("alice@example.com", true);
    const find = (conversationId: string) =>
      owner.query(api.private.conversations.find, { organizationId, conversationId });
    expect(await find(alice.conversationId)).toBe(alice.conversationId);
    expect(await find("not-a-conversation")).toBeNull();
    // An id of another table is not a conversation id.
    expect(await find(organizationId)).toBeNull();
  });

  it("gives the agent's reply while it streams, then only the saved message", async () => {
    const alice = await contact("alice@example.com", true);
    const thread = { organizationId, conversationId: alice.conversationId };
    await t.mutation(api.public.messages.send, { ...alice, text: "where is my order #1001?" });
    // The turn's database lookup runs while its stream is open: polling without pause sees it.
    const streaming = new Map<string, { order: number; status: string }>();
    let saved: string[] = [];
    for (let i = 0; i < 20_000 && saved.length === 0; i++) {
      const result = await owner.query(api.private.conversations.messages, {
        ...thread,
        paginationOpts: page,
        streamArgs: listStreams,
      });
      if (result.streams?.kind === "list") {
        for (const s of result.streams.messages) streaming.set(s.streamId, s);
      }
      saved = result.page.filter((doc) => doc.message?.role === "assistant" && doc.text).map((d) => d.text!);
      if (saved.length === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(saved).toHaveLength(1);
    expect(saved[0]).toContain("1Z999AA10123456784");
    expect([...streaming.values()]).toEqual([expect.objectContaining({ status: "streaming" })]);

    // Its deltas are served from the first one on. What follows the first ("start") depends on the
    // 250 ms write throttle (the offline model writes all at once, and the saved message ends the
    // stream), so only this is certain: any text that streamed is the start of the saved reply.
    const [streamId] = [...streaming.keys()];
    const deltas = await owner.query(api.private.conversations.messages, {
      ...thread,
      paginationOpts: noPage,
      streamArgs: { kind: "deltas", cursors: [{ streamId: streamId!, cursor: 0 }] },
    });
    const written = deltas.streams?.kind === "deltas" ? deltas.streams.deltas : [];
    expect(written[0]).toMatchObject({ streamId, start: 0, parts: [{ type: "start" }] });
    expect(saved[0]?.startsWith(joinedText(written.flatMap((d): unknown[] => d.parts)))).toBe(true);

    // Once saved, the stream is no longer listed: the reply shows exactly once.
    const after = await owner.query(api.private.conversations.messages, {
      ...thread,
      paginationOpts: noPage,
      streamArgs: listStreams,
    });
    expect(after.streams).toEqual({ kind: "list", messages: [] });

    // Another organization's member gets neither the conversation nor, through their own, its stream.
    const stranger = await createUser(t, "owner@elsewhere.test");
    const elsewhere = await stranger.as.mutation(api.private.organizations.create, { name: "Elsewhere" });
    await expect(
      stranger.as.query(api.private.conversations.messages, {
        organizationId: elsewhere,
        conversationId: alice.conversationId,
        paginationOpts: page,
        streamArgs: listStreams,
      }),
    ).rejects.toMatchObject({ data: { code: "not_found" } });
    await expect(
      stranger.as.query(api.private.conversations.messages, { ...thread, paginationOpts: page }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
    const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
      organizationId: elsewhere,
      name: "Eve",
      email: "eve@example.com",
    });
    const own = await t.mutation(api.public.conversations.start, { sessionToken });
    const borrowed = await stranger.as.query(api.private.conversations.messages, {
      organizationId: elsewhere,
      conversationId: own.conversationId,
      paginationOpts: noPage,
      streamArgs: { kind: "deltas", cursors: [{ streamId: streamId!, cursor: 0 }] },
    });
    expect(borrowed.streams).toEqual({ kind: "deltas", deltas: [] });

    // Nor does a widget visitor, through their own conversation: not another org's, not a neighbour's.
    const eve = { sessionToken, conversationId: own.conversationId };
    const bob = await contact("bob@example.com", true);
    for (const visitor of [eve, bob]) {
      const widget = await t.query(api.public.messages.list, {
        ...visitor,
        paginationOpts: noPage,
        streamArgs: { kind: "deltas", cursors: [{ streamId: streamId!, cursor: 0 }] },
      });
      expect(widget.streams).toEqual({ kind: "deltas", deltas: [] });
    }
    // Alice herself gets her reply's deltas through her own conversation.
    const hers = await t.query(api.public.messages.list, {
      ...alice,
      paginationOpts: noPage,
      streamArgs: { kind: "deltas", cursors: [{ streamId: streamId!, cursor: 0 }] },
    });
    expect(hers.streams?.kind === "deltas" ? hers.streams.deltas[0] : null).toMatchObject({ streamId });
  });
});

describe("the playground", () => {
  it("asks as a customer or as an admin, with timings per source", async () => {
    const asAlice = await owner.action(api.private.playground.ask, {
      organizationId,
      question: "where is my order #1001?",
      asContactEmail: "alice@example.com",
    });
    expect(asAlice).toMatchObject({ source: "database", status: "unresolved", failed: false });
    expect(asAlice.text).toContain("1Z999AA10123456784");
    expect(asAlice.timings.database?.outcome).toBe("ok");

    const asBob = await owner.action(api.private.playground.ask, {
      organizationId,
      question: "where is my order #1001?",
      asContactEmail: "bob@example.com",
    });
    expect(asBob.text).not.toContain("1Z999AA10123456784");
  });
});
