import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { Actor } from "../dataSources/actor";
import { appError } from "../lib/errors";
import { DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES } from "../shared/documents";

/* Document bookkeeping shared by the dashboard upload and the CLI. No Convex exports. */

const ACCEPTED = new RegExp(`\\.(${DOCUMENT_EXTENSIONS.join("|")})$`, "i");

export function documentKey(fileName: string): string {
  return fileName.trim().toLowerCase();
}

/**
 * Records an uploaded file and schedules its processing (only ids in the arguments). The document
 * already indexed under the same name stays searchable until the new version is ready.
 */
export async function acceptUpload(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  upload: { storageId: Id<"_storage">; fileName: string },
  uploadedBy: Actor,
): Promise<Id<"knowledgeDocuments">> {
  const fileName = upload.fileName.trim();
  const metadata = await ctx.db.system.get(upload.storageId);
  if (metadata === null) throw appError("invalid_input", "The upload was not found; upload the file again.");
  if (fileName === "" || fileName.length > 200 || !ACCEPTED.test(fileName)) {
    await ctx.storage.delete(upload.storageId);
    throw appError(
      "invalid_input",
      "Upload a .txt, .md, .html, .csv or .pdf file (name up to 200 characters).",
      {
        fields: [{ field: "fileName", message: "must end in .txt, .md, .html, .csv or .pdf" }],
      },
    );
  }
  if (metadata.size > MAX_DOCUMENT_BYTES) {
    await ctx.storage.delete(upload.storageId);
    throw appError("limit", `The file is ${(metadata.size / 2 ** 20).toFixed(1)} MB; the limit is 20 MB.`);
  }
  const key = documentKey(fileName);
  const existing = await ctx.db
    .query("knowledgeDocuments")
    .withIndex("by_organizationId_and_key", (q) => q.eq("organizationId", organizationId).eq("key", key))
    .unique();
  if (existing?.pendingStorageId) await ctx.storage.delete(existing.pendingStorageId);
  const fields = {
    fileName,
    bytes: metadata.size,
    pendingStorageId: upload.storageId,
    status: { kind: "processing" as const },
    uploadedBy,
    updatedAt: Date.now(),
  };
  const documentId =
    existing === null
      ? await ctx.db.insert("knowledgeDocuments", {
          organizationId,
          key,
          title: fileName,
          format: fileName.split(".").pop()!.toLowerCase(),
          indexed: null,
          warnings: [],
          ...fields,
        })
      : existing._id;
  if (existing !== null) await ctx.db.patch(existing._id, fields);
  await ctx.scheduler.runAfter(0, internal.system.documents.process, {
    documentId,
    storageId: upload.storageId,
  });
  return documentId;
}
