"use node";

import { contentHash, extractAndChunk, isDocumentError } from "@answerbase/documents";
import { embedMany } from "ai";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction } from "../_generated/server";
import { knowledgeIndex, organizationNamespace } from "../knowledge/searchIndex";
import { PUBLIC_SCOPE } from "../access/rowScopes";

/**
 * Turns an uploaded file into titled chunks in the organization's namespace. Unchanged content (same
 * hash under the same name) is not embedded again; a failure is saved on the document with its code,
 * and the previously indexed version stays searchable.
 */
export const process = internalAction({
  args: { documentId: v.id("knowledgeDocuments"), storageId: v.id("_storage") },
  handler: async (ctx, { documentId, storageId }) => {
    const document = await ctx.runQuery(internal.system.documentRecords.get, { documentId });
    if (document === null || document.pendingStorageId !== storageId) return; // replaced or deleted meanwhile
    const blob = await ctx.storage.get(storageId);
    if (blob === null) {
      await ctx.runMutation(internal.system.documentRecords.fail, {
        documentId,
        storageId,
        error: {
          code: "not_found",
          message: "The uploaded file is gone; upload it again.",
          retryable: false,
        },
      });
      return;
    }
    try {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const hash = contentHash(bytes);
      if (hash === document.indexed?.contentHash) {
        await ctx.runMutation(internal.system.documentRecords.unchanged, { documentId, storageId });
        return;
      }
      // Parsed in a worker thread: a large file is up to half a second of CPU that would otherwise hold
      // up every other function sharing this thread (docs/benchmarks.md, documents).
      const { extracted, chunks } = await extractAndChunk(bytes, { fileName: document.fileName });
      const { entry, rag } = knowledgeIndex();
      const { embeddings } = await embedMany({
        model: entry.model,
        values: chunks.map((chunk) => chunk.text),
      });
      await rag.add(ctx, {
        namespace: organizationNamespace(document.organizationId),
        key: `document:${document.key}`,
        title: extracted.title,
        chunks: chunks.map((chunk, index) => ({ text: chunk.text, embedding: embeddings[index]! })),
        filterValues: [{ name: "scope", value: PUBLIC_SCOPE }],
        metadata: { source: "document", documentId },
      });
      await ctx.runMutation(internal.system.documentRecords.ready, {
        documentId,
        storageId,
        title: extracted.title,
        format: extracted.format,
        contentHash: hash,
        chunks: chunks.length,
        pages: extracted.pageCount ?? null,
        warnings: extracted.warnings.slice(0, 20),
      });
    } catch (error) {
      const failure = isDocumentError(error)
        ? { code: error.code, message: error.message, retryable: false }
        : {
            code: "internal",
            message: "The file could not be indexed; the error was logged.",
            retryable: true,
          };
      if (!isDocumentError(error)) console.error(`Indexing ${document.fileName} failed`, error);
      await ctx.runMutation(internal.system.documentRecords.fail, { documentId, storageId, error: failure });
    }
  },
});

/** After a document was deleted: its chunks leave the index (the namespace of the current model). */
export const removeFromIndex = internalAction({
  args: { organizationId: v.id("organizations"), key: v.string() },
  handler: async (ctx, { organizationId, key }) => {
    const { rag } = knowledgeIndex();
    const namespace = await rag.getNamespace(ctx, { namespace: organizationNamespace(organizationId) });
    if (namespace !== null)
      await rag.deleteByKey(ctx, { namespaceId: namespace.namespaceId, key: `document:${key}` });
  },
});

/**
 * For operators and scripts: `npx convex run system/documents:upload '{"organizationId":"...",
 * "fileName":"faq.md","base64":"..."}'`. Same pipeline as a dashboard upload.
 */
export const upload = internalAction({
  args: { organizationId: v.id("organizations"), fileName: v.string(), base64: v.string() },
  returns: v.id("knowledgeDocuments"),
  handler: async (ctx, { organizationId, fileName, base64 }): Promise<Id<"knowledgeDocuments">> => {
    const storageId = await ctx.storage.store(new Blob([Buffer.from(base64, "base64")]));
    return await ctx.runMutation(internal.system.documentRecords.accept, {
      organizationId,
      storageId,
      fileName,
    });
  },
});
