import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const generateUploadUrl = mutation({
  args: {},
  returns: v.string(),
  handler: (ctx) => ctx.storage.generateUploadUrl(),
});

export const save = mutation({
  args: { storageId: v.id("_storage"), name: v.string() },
  returns: v.id("files"),
  handler: (ctx, args) => ctx.db.insert("files", args),
});

export const list = query({
  args: {},
  returns: v.array(v.object({ name: v.string(), url: v.union(v.string(), v.null()) })),
  handler: async (ctx) => {
    const files = await ctx.db.query("files").collect();
    return await Promise.all(
      files.map(async (f) => ({ name: f.name, url: await ctx.storage.getUrl(f.storageId) })),
    );
  },
});
