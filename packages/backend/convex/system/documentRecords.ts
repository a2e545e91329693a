import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import { vFailure } from "../dataSources/tables";
import { acceptUpload } from "../knowledge/uploads";
import { knowledgeDocumentFields } from "../knowledge/tables";

export const get = internalQuery({
  args: { documentId: v.id("knowledgeDocuments") },
  returns: v.union(
    v.null(),
    v.object({ _id: v.id("knowledgeDocuments"), _creationTime: v.number(), ...knowledgeDocumentFields }),
  ),
  handler: (ctx, { documentId }) => ctx.db.get(documentId),
});

export const accept = internalMutation({
  args: { organizationId: v.id("organizations"), storageId: v.id("_storage"), fileName: v.string() },
  returns: v.id("knowledgeDocuments"),
  handler: (ctx, { organizationId, storageId, fileName }) =>
    acceptUpload(ctx, organizationId, { storageId, fileName }, { kind: "system", name: "cli" }),
});

/** The upload has been read: its bytes are not kept (the index holds the text). */
async function settle(ctx: MutationCtx, documentId: Id<"knowledgeDocuments">, storageId: Id<"_storage">) {
  const document = await ctx.db.get(documentId);
  await ctx.storage.delete(storageId);
  return document !== null && document.pendingStorageId === storageId ? document : null;
}

export const ready = internalMutation({
  args: {
    documentId: v.id("knowledgeDocuments"),
    storageId: v.id("_storage"),
    title: v.string(),
    format: v.string(),
    contentHash: v.string(),
    chunks: v.number(),
    pages: v.union(v.number(), v.null()),
    warnings: v.array(v.string()),
  },
  handler: async (ctx, { documentId, storageId, contentHash, chunks, pages, ...fields }) => {
    const document = await settle(ctx, documentId, storageId);
    if (document === null) return;
    await ctx.db.patch(documentId, {
      ...fields,
      indexed: { contentHash, chunks, pages },
      pendingStorageId: null,
      status: { kind: "ready", chunks, pages },
      updatedAt: Date.now(),
    });
    // A new article may answer questions the agent could not: re-ask them (contentGaps).
    await ctx.scheduler.runAfter(0, internal.system.contentGaps.check, {
      organizationId: document.organizationId,
    });
  },
});

/** Same bytes as the indexed version: nothing to embed, the document is ready as it was. */
export const unchanged = internalMutation({
  args: { documentId: v.id("knowledgeDocuments"), storageId: v.id("_storage") },
  handler: async (ctx, { documentId, storageId }) => {
    const document = await settle(ctx, documentId, storageId);
    if (document?.indexed == null) return;
    const { chunks, pages } = document.indexed;
    await ctx.db.patch(documentId, {
      pendingStorageId: null,
      status: { kind: "ready", chunks, pages },
      updatedAt: Date.now(),
    });
  },
});

export const fail = internalMutation({
  args: { documentId: v.id("knowledgeDocuments"), storageId: v.id("_storage"), error: vFailure },
  handler: async (ctx, { documentId, storageId, error }) => {
    if ((await settle(ctx, documentId, storageId)) === null) return;
    await ctx.db.patch(documentId, {
      pendingStorageId: null,
      status: { kind: "failed", error },
      updatedAt: Date.now(),
    });
  },
});
