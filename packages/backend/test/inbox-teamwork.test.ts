// Operators working a conversation together: assignment (filters, timeline lines, audit, a reply
// taking an unowned conversation), internal notes that never leave the team, and saved replies.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { fillSavedReply } from "../convex/shared/savedReplies.ts";
import { createUser, deploymentEnv, startBackend, type Backend, type Caller } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let ada: Awaited<ReturnType<typeof createUser>>;
let ben: Awaited<ReturnType<typeof createUser>>;
let outsider: Awaited<ReturnType<typeof createUser>>;
const page = { numItems: 50, cursor: null };

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ada = await createUser(t, "ada@acme.test");
  organizationId = await ada.as.mutation(api.private.organizations.create, { name: "Acme" });
  ben = await createUser(t, "ben@acme.test");
  await t.run((ctx) => ctx.db.insert("memberships", { organizationId, userId: ben.userId, role: "member" }));
  outsider = await createUser(t, "olga@elsewhere.test");
});
afterAll(() => cloud?.stop());

async function customer(email: string) {
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId,
    name: "Casey Customer",
    email,
  });
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return { sessionToken, conversationId };
}

const ids = async (as: Caller, assignee?: "mine" | "unassigned", status?: "escalated") =>
  (
    await as.query(api.private.conversations.list, {
      organizationId,
      paginationOpts: page,
      ...(assignee ? { assignee } : {}),
      ...(status ? { status } : {}),
    })
  ).page.map((c) => c._id);

const lines = async (conversationId: Id<"conversations">) =>
  (await ada.as.query(api.private.conversationTeam.timeline, { organizationId, conversationId })).events.map(
    ({ event, people }) => `${event.kind}: ${people.map((p) => p.name).join(" → ")}`,
  );

describe("assignment", () => {
  it("assigns to me, to a teammate and to nobody; the filters, the thread and the audit log follow", async () => {
    const { conversationId } = await customer("first@example.com");
    expect(await ids(ada.as, "unassigned")).toContain(conversationId);
    expect(await ids(ada.as, "mine")).not.toContain(conversationId);

    await ada.as.mutation(api.private.conversationTeam.assign, {
      organizationId,
      conversationId,
      userId: ada.userId,
    });
    expect(await ids(ada.as, "mine")).toContain(conversationId);
    expect(await ids(ben.as, "mine")).not.toContain(conversationId);
    expect(await ids(ada.as, "unassigned")).not.toContain(conversationId);

    await ada.as.mutation(api.private.conversationTeam.assign, {
      organizationId,
      conversationId,
      userId: ben.userId,
    });
    expect(await ids(ben.as, "mine")).toContain(conversationId);
    expect(await ids(ada.as, "mine")).not.toContain(conversationId);

    await ben.as.mutation(api.private.conversationTeam.assign, { organizationId, conversationId });
    expect(await ids(ben.as, "unassigned")).toContain(conversationId);
    expect(await lines(conversationId)).toEqual([
      "assigned: ada → ada",
      "joined: ada",
      "assigned: ada → ada → ben",
      "left: ada",
      "joined: ben",
      "assigned: ben → ben",
      "left: ben",
    ]);
    const audit = await ada.as.query(api.private.auditLog.list, {
      organizationId,
      operation: "assign_conversation",
      paginationOpts: page,
    });
    expect(audit.page).toHaveLength(3);
    expect(audit.page.map((e) => e.actor)).toContainEqual({ kind: "member", userId: ben.userId });
  });

  it("refuses to assign to someone outside the organization, and changes nothing", async () => {
    const { conversationId } = await customer("second@example.com");
    await expect(
      ada.as.mutation(api.private.conversationTeam.assign, {
        organizationId,
        conversationId,
        userId: outsider.userId,
      }),
    ).rejects.toThrow(/not a member/);
    expect(await ids(ada.as, "unassigned")).toContain(conversationId);
    expect(await lines(conversationId)).toEqual([]);
  });

  it("a reply assigns the conversation to its writer when nobody has it, and only then", async () => {
    const open = await customer("third@example.com");
    await ben.as.mutation(api.private.conversations.reply, {
      organizationId,
      conversationId: open.conversationId,
      text: "Ben here, looking into it.",
    });
    expect(await ids(ben.as, "mine", "escalated")).toContain(open.conversationId);
    await ada.as.mutation(api.private.conversations.reply, {
      organizationId,
      conversationId: open.conversationId,
      text: "Ada adding a detail.",
    });
    expect(await ids(ben.as, "mine")).toContain(open.conversationId);
    const { authors, assignee } = await ada.as.query(api.private.conversationTeam.timeline, {
      organizationId,
      conversationId: open.conversationId,
    });
    expect(assignee?.name).toBe("ben");
    expect(authors.map((a) => a.author.name).sort()).toEqual(["ada", "ben"]);
  });
});

describe("internal notes", () => {
  it("shows a note to the team only: not in the widget's thread, not in the thread the agent reads", async () => {
    const casey = await customer("notes@example.com");
    const note = "Refund approved by finance, do not mention the coupon";
    await ben.as.mutation(api.private.conversationTeam.addNoteTo, {
      organizationId,
      conversationId: casey.conversationId,
      text: `  ${note}  `,
    });
    const { events } = await ada.as.query(api.private.conversationTeam.timeline, {
      organizationId,
      conversationId: casey.conversationId,
    });
    expect(events.map((e) => e.event)).toEqual([{ kind: "note", by: ben.userId, text: note }]);

    const widget = await t.query(api.public.messages.list, { ...casey, paginationOpts: page });
    expect(JSON.stringify(widget)).not.toContain("finance");
    const thread = await ada.as.query(api.private.conversations.messages, {
      organizationId,
      conversationId: casey.conversationId,
      paginationOpts: page,
    });
    expect(JSON.stringify(thread)).not.toContain("finance");
    const people = await t.query(api.public.conversations.people, casey);
    expect(JSON.stringify(people)).not.toContain("finance");
  });

  it("refuses an empty note and another organization's member", async () => {
    const { conversationId } = await customer("empty-note@example.com");
    await expect(
      ada.as.mutation(api.private.conversationTeam.addNoteTo, { organizationId, conversationId, text: "  " }),
    ).rejects.toThrow(/must not be empty/);
    await expect(
      outsider.as.mutation(api.private.conversationTeam.addNoteTo, {
        organizationId,
        conversationId,
        text: "hello",
      }),
    ).rejects.toThrow(/not a member/);
  });
});

describe("saved replies", () => {
  it("admins keep them by title; members list them; the composer fills the customer in", async () => {
    const id = await ada.as.mutation(api.private.savedReplies.save, {
      organizationId,
      title: "Refund timing",
      text: "Hi {{customer.name}}, refunds reach {{customer.email}}'s card within 5 days.",
    });
    await expect(
      ada.as.mutation(api.private.savedReplies.save, { organizationId, title: "Refund timing", text: "x" }),
    ).rejects.toThrow(/already called/);
    await expect(
      ben.as.mutation(api.private.savedReplies.save, { organizationId, title: "Mine", text: "x" }),
    ).rejects.toThrow(/admin/);
    await expect(
      ada.as.mutation(api.private.savedReplies.save, { organizationId, title: " ", text: "x" }),
    ).rejects.toThrow(/title/);
    await ada.as.mutation(api.private.savedReplies.save, {
      organizationId,
      savedReplyId: id,
      title: "Refund timing",
      text: "Hi {{customer.name}}, refunds take 5 days.",
    });
    const [saved] = await ben.as.query(api.private.savedReplies.list, { organizationId });
    expect(saved?.text).toBe("Hi {{customer.name}}, refunds take 5 days.");
    expect(fillSavedReply(saved!.text, { name: "Casey", email: "casey@example.com" })).toBe(
      "Hi Casey, refunds take 5 days.",
    );
    await ada.as.mutation(api.private.savedReplies.remove, { organizationId, savedReplyId: id });
    expect(await ben.as.query(api.private.savedReplies.list, { organizationId })).toEqual([]);
  });
});

describe("search", () => {
  it("finds conversations by the customer's e-mail, name or message text, in this organization only", async () => {
    const { conversationId } = await customer("zelda.search@example.com");
    await ada.as.mutation(api.private.conversations.reply, {
      organizationId,
      conversationId,
      text: "Your parcel left the Rotterdam warehouse this morning.",
    });
    const found = async (query: string) =>
      (await ada.as.query(api.private.conversations.search, { organizationId, query })).map((c) => c._id);
    expect(await found("zelda.search@example.com")).toContain(conversationId);
    expect(await found("Rotterdam")).toEqual([conversationId]);
    expect(await found("rotter")).toEqual([conversationId]);
    expect(await found("Casey")).toContain(conversationId);
    expect(await found("Timbuktu")).toEqual([]);
    const [hit] = await ada.as.query(api.private.conversations.search, {
      organizationId,
      query: "Rotterdam",
    });
    expect(hit).not.toHaveProperty("searchText");
    await expect(
      outsider.as.query(api.private.conversations.search, { organizationId, query: "Rotterdam" }),
    ).rejects.toThrow(/not a member/);
  });
});
