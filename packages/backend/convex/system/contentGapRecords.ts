import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { addExample, addToCentroid, closestGroup } from "../contentGaps/clustering";

/*
 * Content gaps' writes: a question the agent could not answer joins its group (or starts one), and the
 * resolution check marks groups resolved. Reads are bounded: the 200 groups asked about most recently.
 */

const CANDIDATE_GROUPS = 200;

export const record = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    question: v.string(),
    escalated: v.boolean(),
    embedding: v.array(v.float64()),
    modelId: v.string(),
  },
  returns: v.id("contentGaps"),
  handler: async (ctx, { organizationId, question, escalated, embedding, modelId }) => {
    const now = Date.now();
    const recent = await ctx.db
      .query("contentGaps")
      .withIndex("by_organizationId_and_lastAskedAt", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(CANDIDATE_GROUPS);
    const candidates = recent.filter(
      (group) => group.status.kind !== "resolved" && group.modelId === modelId,
    );
    const group = closestGroup(candidates, embedding);
    if (group === null) {
      return await ctx.db.insert("contentGaps", {
        organizationId,
        question,
        examples: [question],
        count: 1,
        escalated: escalated ? 1 : 0,
        centroid: embedding,
        modelId,
        lastAskedAt: now,
        status: { kind: "open" },
      });
    }
    await ctx.db.patch(group._id, {
      examples: addExample(group.examples, question),
      count: group.count + 1,
      escalated: group.escalated + (escalated ? 1 : 0),
      centroid: addToCentroid(group.centroid, group.count, embedding),
      lastAskedAt: now,
    });
    return group._id;
  },
});

/** Groups the resolution check re-asks the knowledge base: open ones and those with an article started. */
export const unresolved = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.array(v.object({ _id: v.id("contentGaps"), question: v.string() })),
  handler: async (ctx, { organizationId }) => {
    const of = (kind: "open" | "article") =>
      ctx.db
        .query("contentGaps")
        .withIndex("by_organizationId_and_status_and_lastAskedAt", (q) =>
          q.eq("organizationId", organizationId).eq("status.kind", kind),
        )
        .order("desc")
        .take(50);
    const groups = [...(await of("article")), ...(await of("open"))];
    return groups.map((group) => ({ _id: group._id, question: group.question }));
  },
});

export const resolve = internalMutation({
  args: { gapId: v.id("contentGaps"), documentTitle: v.string() },
  returns: v.null(),
  handler: async (ctx, { gapId, documentTitle }) => {
    const gap = await ctx.db.get(gapId);
    if (gap === null || gap.status.kind === "resolved") return null;
    await ctx.db.patch(gapId, { status: { kind: "resolved", at: Date.now(), documentTitle } });
    return null;
  },
});
