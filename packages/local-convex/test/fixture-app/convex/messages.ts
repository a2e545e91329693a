import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import { mutation, query } from "./_generated/server";

const vMessage = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  channel: v.string(),
  author: v.string(),
  body: v.string(),
});

export const list = query({
  args: { channel: v.string() },
  returns: v.array(vMessage),
  handler: async (ctx, { channel }) => {
    console.log("listing", channel);
    return await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channel", channel))
      .collect();
  },
});

/** Newest first, like a chat feed: new rows land in the first page. */
export const page = query({
  args: { channel: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { channel, paginationOpts }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channel", channel))
      .order("desc")
      .paginate(paginationOpts);
  },
});

export const send = mutation({
  args: { channel: v.string(), author: v.string(), body: v.string() },
  returns: v.id("messages"),
  handler: async (ctx, args) => {
    if (args.body.length === 0) {
      throw new ConvexError({ code: "empty_body", message: "A message needs a body" });
    }
    return await ctx.db.insert("messages", args);
  },
});

export const fail = mutation({
  args: {},
  handler: () => {
    throw new Error("plain failure");
  },
});
