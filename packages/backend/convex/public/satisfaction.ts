import { v } from "convex/values";
import { mutation, query } from "../_generated/server";
import { requireContactSession } from "../contacts/sessionToken";
import { requireOwnConversation } from "../conversations/model";
import { appError } from "../lib/errors";
import { normalizeLineBreaks, textProblem } from "../lib/textRules";
import { enforceRateLimit } from "../lib/rateLimits";
import type { ClientKey } from "../contacts/clientKeys";
import { MAX_RATING_COMMENT_CHARS, RATING_SCORES } from "../shared/satisfaction";

/*
 * The widget's satisfaction rating. Only the conversation's own session rates it, only once it is
 * resolved, and one rating per conversation: rating again replaces the earlier score and comment (a
 * customer who misclicked or changed their mind is heard, and no conversation counts twice).
 */

const vRating = v.object({ score: v.number(), comment: v.union(v.string(), v.null()), ratedAt: v.number() });

export const get = query({
  args: { sessionToken: v.string(), conversationId: v.id("conversations") },
  returns: v.union(vRating, v.null()),
  handler: async (ctx, { sessionToken, conversationId }) => {
    const session = await requireContactSession(ctx, sessionToken);
    await requireOwnConversation(ctx, session, conversationId);
    const rating = await ctx.db
      .query("satisfactionRatings")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .unique();
    return rating === null
      ? null
      : { score: rating.score, comment: rating.comment ?? null, ratedAt: rating.ratedAt };
  },
});

function cleanComment(comment: string | undefined): string | undefined {
  const trimmed = normalizeLineBreaks(comment ?? "").trim();
  if (trimmed.length === 0) return undefined;
  const problem =
    trimmed.length > MAX_RATING_COMMENT_CHARS
      ? `must be at most ${MAX_RATING_COMMENT_CHARS} characters`
      : textProblem(trimmed, "multiline");
  if (problem !== null)
    throw appError("invalid_input", `The comment ${problem}.`, {
      fields: [{ field: "comment", message: problem }],
    });
  return trimmed;
}

export const rate = mutation({
  args: {
    sessionToken: v.string(),
    conversationId: v.id("conversations"),
    score: v.number(),
    comment: v.optional(v.string()),
  },
  returns: vRating,
  handler: async (ctx, { sessionToken, conversationId, score, comment }) => {
    const session = await requireContactSession(ctx, sessionToken);
    const conversation = await requireOwnConversation(ctx, session, conversationId);
    if (!(RATING_SCORES as readonly number[]).includes(score))
      throw appError("invalid_input", `Choose a rating from 1 to 5; got ${score}.`, {
        fields: [{ field: "score", message: "must be a whole number from 1 to 5" }],
      });
    if (conversation.status.kind !== "resolved")
      throw appError("invalid_input", "This conversation can be rated once it is resolved.", {
        fields: [{ field: "conversationId", message: "must be a resolved conversation" }],
      });
    const text = cleanComment(comment);
    await enforceRateLimit(
      ctx,
      "contactMessage",
      (session.clientKey as ClientKey | undefined) ?? session._id,
    );
    const ratedAt = Date.now();
    const existing = await ctx.db
      .query("satisfactionRatings")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .unique();
    if (existing === null) {
      await ctx.db.insert("satisfactionRatings", {
        organizationId: conversation.organizationId,
        conversationId,
        contactSessionId: session._id,
        score,
        ratedAt,
        ...(text === undefined ? {} : { comment: text }),
      });
    } else {
      await ctx.db.replace(existing._id, {
        organizationId: existing.organizationId,
        conversationId,
        contactSessionId: session._id,
        score,
        ratedAt,
        ...(text === undefined ? {} : { comment: text }),
      });
    }
    return { score, comment: text ?? null, ratedAt };
  },
});
