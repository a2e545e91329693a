// Customer satisfaction: who may rate a conversation and when, what rating twice does, and the Overview's
// CSAT per day and escalation times (p50 / p90) from status changes and replies made at known times.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { hashSessionToken, newSessionToken } from "../convex/contacts/sessionToken.ts";
import { aggregateSatisfaction } from "../convex/satisfaction/stats.ts";
import { createUser, startBackend, type Backend } from "./support/backend.ts";

const NOW = Date.UTC(2026, 2, 10, 15, 0); // 10 March 2026, 15:00 UTC
const MINUTE = 60_000;
const at = (day: number, hour = 12) => Date.UTC(2026, 2, day, hour);

let t: Backend;
let owner: Awaited<ReturnType<typeof createUser>>;
let shop: Id<"organizations">;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.UTC(2026, 0, 1));
  t = await startBackend();
  owner = await createUser(t, "owner@shop.test");
  shop = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
});
afterEach(() => vi.setSystemTime(NOW));

/** A widget session made directly (the session-start rate limit is not what this file tests). */
async function contact(organizationId = shop) {
  const sessionToken = newSessionToken();
  const tokenHash = await hashSessionToken(sessionToken);
  await t.run((ctx) =>
    ctx.db.insert("contactSessions", {
      organizationId,
      tokenHash,
      name: "Alice",
      email: "alice@example.com",
      identity: { kind: "unverified" },
      expiresAt: Date.UTC(2027, 0, 1),
    }),
  );
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return { sessionToken, conversationId };
}

async function atTime<T>(time: number, run: () => Promise<T>): Promise<T> {
  vi.setSystemTime(time);
  return await run();
}

const resolve = (conversationId: Id<"conversations">, organizationId = shop) =>
  owner.as.mutation(api.private.conversations.setStatus, {
    organizationId,
    conversationId,
    status: "resolved",
  });

/** The ConvexError's data ({code, fields, ...}) of a refused call, or null when it ran. */
const refusal = async (promise: Promise<unknown>) =>
  await promise.then(
    () => null,
    (error: { data?: { code?: string; fields?: { field: string }[] } }) => error.data ?? { code: "thrown" },
  );
const errorOf = async (promise: Promise<unknown>) => (await refusal(promise))?.code ?? null;

describe("rating a conversation", () => {
  it("is refused until the conversation is resolved, then saved for the conversation's own session", async () => {
    const alice = await contact();
    expect(await errorOf(t.mutation(api.public.satisfaction.rate, { ...alice, score: 5 }))).toBe(
      "invalid_input",
    );
    await resolve(alice.conversationId);
    const saved = await t.mutation(api.public.satisfaction.rate, {
      ...alice,
      score: 5,
      comment: "  Quick!  ",
    });
    expect(saved).toMatchObject({ score: 5, comment: "Quick!" });
    expect(await t.query(api.public.satisfaction.get, alice)).toMatchObject({ score: 5, comment: "Quick!" });
  });

  it("another session, even of the same organization, can neither rate nor read it", async () => {
    const alice = await contact();
    const mallory = await contact();
    await resolve(alice.conversationId);
    const asMallory = { sessionToken: mallory.sessionToken, conversationId: alice.conversationId };
    expect(await errorOf(t.mutation(api.public.satisfaction.rate, { ...asMallory, score: 1 }))).toBe(
      "not_found",
    );
    expect(await errorOf(t.query(api.public.satisfaction.get, asMallory))).toBe("not_found");
    expect(await t.query(api.public.satisfaction.get, alice)).toBeNull();
    expect(
      await errorOf(
        t.mutation(api.public.satisfaction.rate, {
          sessionToken: "cs_forged",
          conversationId: alice.conversationId,
          score: 1,
        }),
      ),
    ).toBe("session_expired");
  });

  it("rating twice replaces the first rating: one row per conversation", async () => {
    const alice = await contact();
    await resolve(alice.conversationId);
    await t.mutation(api.public.satisfaction.rate, { ...alice, score: 2, comment: "Slow." });
    await t.mutation(api.public.satisfaction.rate, { ...alice, score: 4 });
    expect(await t.query(api.public.satisfaction.get, alice)).toMatchObject({ score: 4, comment: null });
    const rows = await t.run((ctx) =>
      ctx.db
        .query("satisfactionRatings")
        .withIndex("by_conversationId", (q) => q.eq("conversationId", alice.conversationId))
        .collect(),
    );
    expect(rows).toHaveLength(1);
  });

  it("refuses scores outside 1–5 and over-long comments, naming the field", async () => {
    const alice = await contact();
    await resolve(alice.conversationId);
    for (const score of [0, 6, 3.5]) {
      expect(await refusal(t.mutation(api.public.satisfaction.rate, { ...alice, score }))).toMatchObject({
        code: "invalid_input",
        fields: [{ field: "score" }],
      });
    }
    expect(
      await refusal(
        t.mutation(api.public.satisfaction.rate, { ...alice, score: 3, comment: "x".repeat(1_001) }),
      ),
    ).toMatchObject({ code: "invalid_input", fields: [{ field: "comment" }] });
  });
});

describe("the Overview's satisfaction numbers", () => {
  it("CSAT per UTC day and escalation times from real status changes and replies", async () => {
    const other = await createUser(t, "owner@elsewhere.test");
    const elsewhere = await other.as.mutation(api.private.organizations.create, { name: "Elsewhere" });
    // A fresh organization: the ratings above are not counted here.
    const store = await owner.as.mutation(api.private.organizations.create, { name: "Store" });
    // Ten escalations raised by customers on 9 March: the n-th is answered after n minutes and resolved
    // after 10·n minutes, so the nearest-rank p50 is the 5th and the p90 the 9th.
    for (let n = 1; n <= 10; n++) {
      const start = at(9, 8) + n * 1_000;
      const c = await atTime(start - 1, () => contact(store));
      await atTime(start, () => t.mutation(api.public.conversations.escalate, c));
      await atTime(start + n * MINUTE, () =>
        owner.as.mutation(api.private.conversations.reply, {
          organizationId: store,
          conversationId: c.conversationId,
          text: "A person here.",
        }),
      );
      // A second reply does not move the first response.
      await atTime(start + n * MINUTE + 5_000, () =>
        owner.as.mutation(api.private.conversations.reply, {
          organizationId: store,
          conversationId: c.conversationId,
          text: "Still here.",
        }),
      );
      await atTime(start + 10 * n * MINUTE, () => resolve(c.conversationId, store));
      // Ratings: 9 March gets scores 1..5 twice (4 of 10 satisfied).
      await atTime(start + 10 * n * MINUTE + 1, () =>
        t.mutation(api.public.satisfaction.rate, { ...c, score: ((n - 1) % 5) + 1 }),
      );
    }
    // One escalation still waiting, one an operator's own take-over (not counted), one elsewhere.
    const waiting = await atTime(at(10, 9), () => contact(store));
    await atTime(at(10, 9) + 1, () => t.mutation(api.public.conversations.escalate, waiting));
    const takeover = await atTime(at(10, 10), () => contact(store));
    await atTime(at(10, 10) + 1, () =>
      owner.as.mutation(api.private.conversations.reply, {
        organizationId: store,
        conversationId: takeover.conversationId,
        text: "Let me help.",
      }),
    );
    const foreign = await atTime(at(10, 11), () => contact(elsewhere));
    await atTime(at(10, 11) + 1, () => t.mutation(api.public.conversations.escalate, foreign));
    // 10 March: one happy rating.
    await atTime(at(10, 12), () => resolve(takeover.conversationId, store));
    await atTime(at(10, 12) + 1, () => t.mutation(api.public.satisfaction.rate, { ...takeover, score: 5 }));

    const stats = await owner.as.query(api.private.satisfaction.stats, { organizationId: store, days: 7 });
    expect(stats.ratings).toBe(11);
    expect(stats.csat).toBeCloseTo(5 / 11);
    const day = (d: number) => stats.perDay.find((p) => p.day === Date.UTC(2026, 2, d));
    expect(day(9)).toMatchObject({ ratings: 10, satisfied: 4, csat: 0.4 });
    expect(day(10)).toMatchObject({ ratings: 1, satisfied: 1, csat: 1 });
    expect(day(8)).toMatchObject({ ratings: 0, csat: null });
    expect(stats.escalations).toEqual({
      total: 11,
      awaitingResponse: 1,
      firstResponseMs: { count: 10, p50: 5 * MINUTE, p90: 9 * MINUTE },
      resolutionMs: { count: 10, p50: 50 * MINUTE, p90: 90 * MINUTE },
    });

    const theirs = await other.as.query(api.private.satisfaction.stats, {
      organizationId: elsewhere,
      days: 7,
    });
    expect(theirs).toMatchObject({ ratings: 0, csat: null, escalations: { total: 1, awaitingResponse: 1 } });
  });

  it("a hand-back to the agent ends the escalation unresolved; escalating again starts a new one", async () => {
    const c = await atTime(at(8, 9), () => contact());
    await atTime(at(8, 9) + 1, () => t.mutation(api.public.conversations.escalate, c));
    await atTime(at(8, 10), () =>
      owner.as.mutation(api.private.conversations.setStatus, {
        organizationId: shop,
        conversationId: c.conversationId,
        status: "unresolved",
      }),
    );
    await atTime(at(8, 11), () => t.mutation(api.public.conversations.escalate, c));
    const records = await t.run((ctx) =>
      ctx.db
        .query("escalationRecords")
        .withIndex("by_conversationId_and_escalatedAt", (q) => q.eq("conversationId", c.conversationId))
        .collect(),
    );
    expect(records.map((r) => r.end)).toEqual([{ kind: "handed_back", at: at(8, 10) }, { kind: "open" }]);
  });
});

describe("aggregateSatisfaction", () => {
  it("ignores samples outside the period and gives nulls without data", () => {
    const stats = aggregateSatisfaction({
      now: NOW,
      days: 7,
      ratings: [
        { at: at(1), score: 5 },
        { at: at(10), score: 3 },
      ],
      escalations: [{ escalatedAt: at(1), raisedBy: "agent", firstResponseAt: at(1, 13) }],
      truncated: false,
    });
    expect(stats).toMatchObject({ ratings: 1, csat: 0, averageScore: 3 });
    expect(stats.escalations).toEqual({
      total: 0,
      awaitingResponse: 0,
      firstResponseMs: { count: 0, p50: null, p90: null },
      resolutionMs: { count: 0, p50: null, p90: null },
    });
  });
});
