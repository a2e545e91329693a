import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { acceptUpload } from "../knowledge/uploads";
import { knowledgeDocumentFields } from "../knowledge/tables";
import { appError } from "../lib/errors";
import { adminMutation, memberQuery } from "../lib/functions";

/* The Knowledge page's documents: upload (URL, then record), list with status, delete. */

export const generateUploadUrl = adminMutation({
  args: {},
  returns: v.string(),
  handler: (ctx) => ctx.storage.generateUploadUrl(),
});

/** After POSTing the file to the upload URL: record it under its name and index it in the background. */
export const addUploaded = adminMutation({
  args: { storageId: v.id("_storage"), fileName: v.string() },
  returns: v.id("knowledgeDocuments"),
  handler: (ctx, upload) =>
    acceptUpload(ctx, ctx.member.organizationId, upload, { kind: "member", userId: ctx.member.userId }),
});

const vDocument = v.object({
  _id: v.id("knowledgeDocuments"),
  _creationTime: v.number(),
  ...knowledgeDocumentFields,
});

export const list = memberQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: v.object({
    page: v.array(vDocument),
    isDone: v.boolean(),
    continueCursor: v.string(),
    splitCursor: v.optional(v.union(v.string(), v.null())),
    pageStatus: v.optional(v.union(v.literal("SplitRecommended"), v.literal("SplitRequired"), v.null())),
  }),
  handler: (ctx, { paginationOpts }) =>
    ctx.db
      .query("knowledgeDocuments")
      .withIndex("by_organizationId_and_key", (q) => q.eq("organizationId", ctx.member.organizationId))
      .paginate(paginationOpts),
});

/** Removes the document and its chunks from the index. */
export const remove = adminMutation({
  args: { documentId: v.id("knowledgeDocuments") },
  returns: v.null(),
  handler: async (ctx, { documentId }) => {
    const document = await ctx.db.get(documentId);
    if (document === null || document.organizationId !== ctx.member.organizationId) {
      throw appError("not_found", "No such document.");
    }
    await ctx.scheduler.runAfter(0, internal.system.documents.removeFromIndex, {
      organizationId: document.organizationId,
      key: document.key,
    });
    if (document.pendingStorageId !== null) await ctx.storage.delete(document.pendingStorageId);
    await ctx.db.delete(documentId);
    return null;
  },
});
