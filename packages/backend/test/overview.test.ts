// The Overview's numbers from records as the agent saves them: per UTC day over 7, 14 or 30 days, for
// the caller's organization only, and only for its members.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { createUser, startBackend, type Backend } from "./support/backend.ts";

const NOW = Date.UTC(2026, 2, 10, 15, 0); // 10 March 2026, 15:00 UTC
const at = (day: number, hour = 12) => Date.UTC(2026, 2, day, hour);
type Status = Doc<"conversations">["status"];
type Answer = Pick<Doc<"answerRecords">, "channel" | "outcome" | "totalMs" | "database" | "knowledgeBase">;

let t: Backend;
let owner: Awaited<ReturnType<typeof createUser>>;
let shop: Id<"organizations">;
let rival: Awaited<ReturnType<typeof createUser>>;
let rivalShop: Id<"organizations">;
let empty: Id<"organizations">;

/** Inserts at a given time (convex-test stamps _creationTime from the clock, so calls go oldest first). */
async function atTime<T>(time: number, write: () => Promise<T>): Promise<T> {
  vi.setSystemTime(time);
  return await write();
}

async function conversation(organizationId: Id<"organizations">, time: number, status: Status) {
  return await atTime(time, () =>
    t.run(async (ctx) => {
      const contactSessionId = await ctx.db.insert("contactSessions", {
        organizationId,
        tokenHash: `hash-${time}-${Math.random()}`,
        name: "Alice",
        email: "alice@example.com",
        identity: { kind: "unverified" },
        expiresAt: time + 86_400_000,
      });
      return await ctx.db.insert("conversations", {
        organizationId,
        contactSessionId,
        threadId: `thread-${time}`,
        status,
        preview: "where is my order?",
        lastMessageAt: time,
        unreadByOperators: 0,
      });
    }),
  );
}

async function answer(organizationId: Id<"organizations">, time: number, fields: Answer) {
  await atTime(time, () =>
    t.run((ctx) =>
      ctx.db.insert("answerRecords", {
        organizationId,
        threadId: `thread-${time}`,
        sources: [],
        modelId: "test",
        ...fields,
      }),
    ),
  );
}

const ok = (ms: number) => ({ ms, outcome: "ok" as const });
const resolved: Status = { kind: "resolved", at: at(9), by: { kind: "agent" } };
const escalated: Status = {
  kind: "escalated",
  reason: "asked for a person",
  at: at(10),
  by: { kind: "contact" },
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  t = await startBackend();
  vi.setSystemTime(Date.UTC(2026, 0, 1));
  owner = await createUser(t, "owner@shop.test");
  shop = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  rival = await createUser(t, "owner@rival.test");
  rivalShop = await rival.as.mutation(api.private.organizations.create, { name: "Rival" });
  empty = await owner.as.mutation(api.private.organizations.create, { name: "Empty shop" });

  // 20 February: outside 7 and 14 days, inside 30.
  await conversation(shop, Date.UTC(2026, 1, 20, 9), { kind: "unresolved" });
  await answer(shop, Date.UTC(2026, 1, 20, 10), { channel: "widget", outcome: "none", totalMs: 700 });
  // 2 March: inside 14 days, not 7.
  await answer(shop, at(2), {
    channel: "widget",
    outcome: "knowledge_base",
    totalMs: 900,
    knowledgeBase: ok(80),
  });
  // 8 March.
  await conversation(shop, at(8, 9), resolved);
  await answer(shop, at(8, 10), { channel: "widget", outcome: "database", totalMs: 1200, database: ok(150) });
  await answer(rivalShop, at(8, 11), {
    channel: "widget",
    outcome: "database",
    totalMs: 50_000,
    database: ok(40_000),
  });
  await conversation(rivalShop, at(8, 12), resolved);
  // 10 March, today.
  await conversation(shop, at(10, 8), escalated);
  await conversation(shop, at(10, 9), { kind: "unresolved" });
  await answer(shop, at(10, 9), {
    channel: "widget",
    outcome: "escalated",
    totalMs: 400,
    database: ok(100),
    knowledgeBase: ok(60),
  });
  await answer(shop, at(10, 10), {
    channel: "playground",
    outcome: "database",
    totalMs: 2000,
    database: ok(300),
  });
  await answer(shop, at(10, 11), { channel: "widget", outcome: "failed", totalMs: 5000 });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.setSystemTime(NOW));

describe("the Overview's numbers", () => {
  it("over 7 days: conversations by status, answers by outcome and channel, percentiles per day", async () => {
    const stats = await owner.as.query(api.private.overview.stats, { organizationId: shop, days: 7 });
    expect(stats.since).toBe(Date.UTC(2026, 2, 4));
    expect(stats.truncated).toBe(false);
    expect(stats.conversations).toEqual({
      total: 3,
      unresolved: 1,
      escalated: 1,
      resolved: 1,
      resolutionRate: 1 / 3,
    });
    expect(stats.answers).toEqual({
      total: 4,
      widget: 3,
      api: 0,
      playground: 1,
      byOutcome: { database: 2, knowledge_base: 0, none: 0, escalated: 1, resolved: 0, failed: 1 },
    });
    expect(stats.perDay).toHaveLength(7);
    expect(stats.perDay.map((d) => d.conversations)).toEqual([0, 0, 0, 0, 1, 0, 2]);
    expect(stats.perDay.map((d) => d.answers.database)).toEqual([0, 0, 0, 0, 1, 0, 1]);
    // Today: answers 400, 2000, 5000 ms; database 100, 300 ms; knowledge base 60 ms.
    expect(stats.perDay[6]).toMatchObject({
      day: Date.UTC(2026, 2, 10),
      answers: { database: 1, escalated: 1, failed: 1 },
      answerMs: { count: 3, p50: 2000, p95: 5000 },
      databaseMs: { count: 2, p50: 100, p95: 300 },
      knowledgeBaseMs: { count: 1, p50: 60, p95: 60 },
    });
    // Overall: answers 400, 1200, 2000, 5000; database 100, 150, 300.
    expect(stats.latency).toEqual({
      answer: { count: 4, p50: 1200, p95: 5000 },
      database: { count: 3, p50: 150, p95: 300 },
      knowledgeBase: { count: 1, p50: 60, p95: 60 },
    });
  });

  it("a longer period reaches further back", async () => {
    const fortnight = await owner.as.query(api.private.overview.stats, { organizationId: shop, days: 14 });
    expect(fortnight.perDay).toHaveLength(14);
    expect(fortnight.answers.total).toBe(5);
    expect(fortnight.answers.byOutcome.knowledge_base).toBe(1);
    expect(fortnight.latency.knowledgeBase).toEqual({ count: 2, p50: 60, p95: 80 });
    const month = await owner.as.query(api.private.overview.stats, { organizationId: shop, days: 30 });
    expect(month.answers.total).toBe(6);
    expect(month.conversations.total).toBe(4);
    expect(month.conversations.unresolved).toBe(2);
    expect(month.conversations.resolutionRate).toBe(1 / 4);
  });

  it("an organization without records gets zeros and no rates", async () => {
    const stats = await owner.as.query(api.private.overview.stats, { organizationId: empty, days: 30 });
    expect(stats.conversations).toEqual({
      total: 0,
      unresolved: 0,
      escalated: 0,
      resolved: 0,
      resolutionRate: null,
    });
    expect(stats.answers.total).toBe(0);
    expect(stats.latency.answer).toEqual({ count: 0, p50: null, p95: null });
    expect(stats.perDay).toHaveLength(30);
    expect(stats.perDay.every((d) => d.conversations === 0 && d.answerMs.count === 0)).toBe(true);
  });

  it("never counts another organization's records", async () => {
    const theirs = await rival.as.query(api.private.overview.stats, { organizationId: rivalShop, days: 7 });
    expect(theirs.conversations).toMatchObject({ total: 1, resolved: 1, resolutionRate: 1 });
    expect(theirs.answers.total).toBe(1);
    expect(theirs.latency.answer).toEqual({ count: 1, p50: 50_000, p95: 50_000 });
    const ours = await owner.as.query(api.private.overview.stats, { organizationId: shop, days: 7 });
    expect(ours.latency.answer.p95).toBeLessThan(50_000);
  });

  it("rolls to the caller's new day at midnight, even a moment before the server's clock does", async () => {
    const stats = (today?: string) =>
      owner.as.query(api.private.overview.stats, { organizationId: shop, days: 7, ...(today && { today }) });
    expect((await stats("2026-03-10")).since).toBe(Date.UTC(2026, 2, 4));
    // 23:59:59 on the server; the page's clock already says 11 March.
    vi.setSystemTime(Date.UTC(2026, 2, 10, 23, 59, 59));
    const tomorrow = await stats("2026-03-11");
    expect(tomorrow.since).toBe(Date.UTC(2026, 2, 5));
    expect(tomorrow.perDay.at(-1)).toMatchObject({ day: Date.UTC(2026, 2, 11), conversations: 0 });
    expect(tomorrow.perDay.at(-2)).toMatchObject({ day: Date.UTC(2026, 2, 10), conversations: 2 });
    for (const bad of ["2026-03-20", "10/03/2026", "2026-02-30x"])
      await expect(stats(bad)).rejects.toMatchObject({
        data: { code: "invalid_input", message: expect.stringMatching(/YYYY-MM-DD/) },
      });
  });

  it("refuses a non-member, a signed-out caller and a period it does not offer", async () => {
    await expect(
      rival.as.query(api.private.overview.stats, { organizationId: shop, days: 7 }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
    await expect(
      t.query(api.private.overview.stats, { organizationId: shop, days: 7 }),
    ).rejects.toMatchObject({
      data: { code: "unauthenticated" },
    });
    await expect(
      owner.as.query(api.private.overview.stats, { organizationId: shop, days: 90 }),
    ).rejects.toMatchObject({ data: { code: "invalid_input", message: expect.stringMatching(/7, 14, 30/) } });
  });
});
