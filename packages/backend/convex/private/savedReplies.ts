import { v } from "convex/values";
import { savedReplyFields } from "../conversations/tables";
import { validateSavedReply } from "../conversations/savedReplies";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";

/* Saved replies: the organization's reusable answers, managed by admins, inserted by anyone with `/`. */

export const list = memberQuery({
  args: {},
  returns: v.array(v.object({ _id: v.id("savedReplies"), _creationTime: v.number(), ...savedReplyFields })),
  handler: async (ctx) =>
    await ctx.db
      .query("savedReplies")
      .withIndex("by_organizationId_and_title", (q) => q.eq("organizationId", ctx.member.organizationId))
      .take(500),
});

/** Creates a saved reply, or updates `savedReplyId`. */
export const save = adminMutation({
  args: { savedReplyId: v.optional(v.id("savedReplies")), title: v.string(), text: v.string() },
  returns: v.id("savedReplies"),
  handler: async (ctx, { savedReplyId, ...input }) => {
    const { organizationId, userId } = ctx.member;
    const fields = { ...validateSavedReply(input), organizationId, updatedBy: userId };
    const sameTitle = await ctx.db
      .query("savedReplies")
      .withIndex("by_organizationId_and_title", (q) =>
        q.eq("organizationId", organizationId).eq("title", fields.title),
      )
      .first();
    if (sameTitle !== null && sameTitle._id !== savedReplyId) {
      throw appError("invalid_input", `A saved reply is already called "${fields.title}".`, {
        fields: [{ field: "title", message: "is already used by another saved reply" }],
      });
    }
    if (savedReplyId === undefined) return await ctx.db.insert("savedReplies", fields);
    const existing = await ctx.db.get(savedReplyId);
    if (existing === null || existing.organizationId !== organizationId) {
      throw appError("not_found", "This saved reply does not exist in this organization.");
    }
    await ctx.db.patch(savedReplyId, fields);
    return savedReplyId;
  },
});

export const remove = adminMutation({
  args: { savedReplyId: v.id("savedReplies") },
  returns: v.null(),
  handler: async (ctx, { savedReplyId }) => {
    const existing = await ctx.db.get(savedReplyId);
    if (existing !== null && existing.organizationId === ctx.member.organizationId) {
      await ctx.db.delete(savedReplyId);
    }
    return null;
  },
});
