import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalMutation, mutation, query, type MutationCtx } from "./_generated/server";

export const get = query({
  args: { name: v.string() },
  returns: v.number(),
  handler: async (ctx, { name }) => {
    const row = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    return row?.value ?? 0;
  },
});

async function bump(ctx: MutationCtx, name: string, by: number): Promise<number> {
  const row = await ctx.db
    .query("counters")
    .withIndex("by_name", (q) => q.eq("name", name))
    .unique();
  if (row === null) {
    await ctx.db.insert("counters", { name, value: by });
    return by;
  }
  await ctx.db.patch(row._id, { value: row.value + by });
  return row.value + by;
}

export const increment = mutation({
  args: { name: v.string(), by: v.optional(v.number()) },
  returns: v.number(),
  handler: (ctx, { name, by }) => bump(ctx, name, by ?? 1),
});

/** Internal: clients cannot call it; the scheduler, crons and `local-convex run` can. */
export const bumpInternal = internalMutation({
  args: { name: v.string() },
  returns: v.number(),
  handler: (ctx, { name }) => bump(ctx, name, 1),
});

export const incrementLater = mutation({
  args: { name: v.string(), delayMs: v.number() },
  returns: v.id("_scheduled_functions"),
  handler: async (ctx, { name, delayMs }): Promise<Id<"_scheduled_functions">> => {
    return await ctx.scheduler.runAfter(delayMs, internal.counters.bumpInternal, { name });
  },
});
