import { v } from "convex/values";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";
import { contentGapFields } from "../contentGaps/tables";

/*
 * The Content gaps page: groups of customers' questions the agent answered "nothing found" or
 * escalated, most asked first; admins turn one into a help article (uploaded through the knowledge
 * base), and the resolution check (system/contentGaps.ts) marks it resolved once the search finds it.
 */

const { centroid: _centroid, modelId: _modelId, ...shownFields } = contentGapFields;
const vGap = v.object({ _id: v.id("contentGaps"), _creationTime: v.number(), ...shownFields });

/** Bounded reads: the 200 groups asked about most recently, and the 20 latest resolved. */
const OPEN_GROUPS = 200;
const RESOLVED_GROUPS = 20;

export const list = memberQuery({
  args: {},
  returns: v.object({ open: v.array(vGap), resolved: v.array(vGap) }),
  handler: async (ctx) => {
    const { organizationId } = ctx.member;
    const of = (kind: "open" | "article" | "resolved", take: number) =>
      ctx.db
        .query("contentGaps")
        .withIndex("by_organizationId_and_status_and_lastAskedAt", (q) =>
          q.eq("organizationId", organizationId).eq("status.kind", kind),
        )
        .order("desc")
        .take(take);
    const shown = ({ centroid: _c, modelId: _m, ...gap }: Awaited<ReturnType<typeof of>>[number]) => gap;
    const open = [...(await of("open", OPEN_GROUPS)), ...(await of("article", OPEN_GROUPS))]
      .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt)
      .map(shown);
    return { open, resolved: (await of("resolved", RESOLVED_GROUPS)).map(shown) };
  },
});

/** The article written from a group was uploaded: the group waits for the check after its ingestion. */
export const linkArticle = adminMutation({
  args: { gapId: v.id("contentGaps"), documentId: v.id("knowledgeDocuments") },
  returns: v.null(),
  handler: async (ctx, { gapId, documentId }) => {
    const gap = await ctx.db.get(gapId);
    const document = await ctx.db.get(documentId);
    if (gap === null || gap.organizationId !== ctx.member.organizationId)
      throw appError("not_found", "This content gap does not exist in this organization.");
    if (document === null || document.organizationId !== ctx.member.organizationId)
      throw appError("not_found", "No such document.");
    if (gap.status.kind === "resolved") return null;
    await ctx.db.patch(gapId, {
      status: { kind: "article", startedAt: Date.now(), by: ctx.member.userId, documentId },
    });
    return null;
  },
});
