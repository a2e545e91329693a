// Functions that go up to, or just past, one of Convex's limits (test/limits.test.ts).
import { v } from "convex/values";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { action, internalMutation, mutation, query } from "./_generated/server";

/** Inserts `count` rows, each with a string payload of `bytes` characters. */
export const insertRows = mutation({
  args: { count: v.number(), bytes: v.optional(v.number()), from: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, { count, bytes, from }) => {
    const payload = "x".repeat(bytes ?? 0);
    for (let i = 0; i < count; i++) await ctx.db.insert("rows", { n: (from ?? 0) + i, payload });
    return null;
  },
});

/** Reads the first `count` rows of the table. */
export const scanRows = query({
  args: { count: v.number() },
  returns: v.number(),
  handler: async (ctx, { count }) => (await ctx.db.query("rows").take(count)).length,
});

/** One index range per call: `count` point lookups. */
export const lookups = query({
  args: { count: v.number() },
  returns: v.number(),
  handler: async (ctx, { count }) => {
    let found = 0;
    for (let n = 0; n < count; n++) {
      const row = await ctx.db
        .query("rows")
        .withIndex("by_n", (q) => q.eq("n", n))
        .first();
      if (row !== null) found++;
    }
    return found;
  },
});

/** Keeps the CPU busy for `ms` (CPU time: a loaded machine must not make it shorter). */
function spin(ms: number): void {
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const until = cpuMs() + ms;
  while (cpuMs() < until) {
    // user code that keeps the isolate busy
  }
}

/** Busy for `ms` of user code, then reads one row. */
export const busyQuery = query({
  args: { ms: v.number() },
  returns: v.number(),
  handler: async (ctx, { ms }) => {
    spin(ms);
    return (await ctx.db.query("rows").take(1)).length;
  },
});

/** Writes a row, then stays busy for `ms` of user code. */
export const busyMutation = mutation({
  args: { ms: v.number() },
  returns: v.null(),
  handler: async (ctx, { ms }) => {
    await ctx.db.insert("rows", { n: -1, payload: null });
    spin(ms);
    return null;
  },
});

export const noop = internalMutation({
  args: { payload: v.any() },
  returns: v.null(),
  handler: () => null,
});

/** Schedules `count` functions whose argument is a string of `bytes` characters. */
export const scheduleMany = mutation({
  args: { count: v.number(), bytes: v.number() },
  returns: v.null(),
  handler: async (ctx, { count, bytes }) => {
    const payload = "x".repeat(bytes);
    for (let i = 0; i < count; i++) await ctx.scheduler.runAfter(60_000, internal.limits.noop, { payload });
    return null;
  },
});

/** One row whose payload is `bytes` characters, or nested `depth` objects deep. */
export const insertDocument = mutation({
  args: { bytes: v.optional(v.number()), depth: v.optional(v.number()) },
  returns: v.id("rows"),
  handler: async (ctx, { bytes, depth }): Promise<Id<"rows">> => {
    let payload: unknown = "x".repeat(bytes ?? 0);
    for (let i = 0; i < (depth ?? 0); i++) payload = { inner: payload };
    return await ctx.db.insert("rows", { n: 0, payload });
  },
});

/** A string of `bytes` characters. */
export const bigResult = query({
  args: { bytes: v.number() },
  returns: v.string(),
  handler: (_ctx, { bytes }) => "x".repeat(bytes),
});

/** Takes anything; for the argument-size limit. */
export const echoSize = mutation({
  args: { payload: v.string() },
  returns: v.number(),
  handler: (_ctx, { payload }) => payload.length,
});

/** The length of `limits:bigResult` called through `ctx.runQuery` (a result size checked there too). */
export const bigResultVia = action({
  args: { bytes: v.number() },
  returns: v.number(),
  handler: async (ctx, { bytes }): Promise<number> =>
    (await ctx.runQuery(api.limits.bigResult, { bytes })).length,
});

/** `limits:echoSize` through `ctx.runMutation` with a payload of `bytes` characters. */
export const echoVia = action({
  args: { bytes: v.number() },
  returns: v.number(),
  handler: (ctx, { bytes }): Promise<number> =>
    ctx.runMutation(api.limits.echoSize, { payload: "x".repeat(bytes) }),
});

/** Whether a row with `n` equal to `n` exists, found by a filter (rows before it are scanned and dropped). */
export const filterScan = query({
  args: { n: v.number(), paginate: v.optional(v.boolean()) },
  returns: v.number(),
  handler: async (ctx, { n, paginate }) => {
    const filtered = ctx.db.query("rows").filter((q) => q.eq(q.field("n"), n));
    if (paginate) return (await filtered.paginate({ numItems: 1, cursor: null })).page.length;
    return (await filtered.take(1)).length;
  },
});

/** Patches the first `count` rows, read with one query: `count` + 1 index ranges on a deployment. */
export const patchRows = mutation({
  args: { count: v.number() },
  returns: v.null(),
  handler: async (ctx, { count }) => {
    for (const row of await ctx.db.query("rows").take(count)) await ctx.db.patch(row._id, { payload: 1 });
    return null;
  },
});

/** Waits `ms`, then increments the counter `name` (for the action time limit). */
export const slowIncrement = action({
  args: { ms: v.number(), name: v.string() },
  returns: v.number(),
  handler: async (ctx, { ms, name }): Promise<number> => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return await ctx.runMutation(api.counters.increment, { name });
  },
});
