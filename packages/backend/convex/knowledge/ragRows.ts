import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";

/*
 * Row documents into @convex-dev/rag from inside one of our mutations, through the component's own
 * mutations (what `rag.add` runs, minus its per-call namespace lookup): a whole batch of rows and
 * their bookkeeping then commit in one transaction instead of two or three mutations per row.
 */

export interface RowEntry {
  key: string;
  title: string;
  text: string;
  scope: string;
  /** Our hash of text and scope; rag skips an entry whose ready version has the same one. */
  hash: string;
  embedding: number[];
}

/** Adds or replaces the entry under `row.key`; returns its id. */
export async function putRowEntry(
  ctx: MutationCtx,
  namespaceId: string,
  table: string,
  row: RowEntry,
): Promise<string> {
  const { entryId, status } = await ctx.runMutation(components.rag.entries.add, {
    entry: {
      key: row.key,
      namespaceId,
      title: row.title,
      metadata: { source: "row", table },
      filterValues: [{ name: "scope", value: row.scope }],
      importance: 1,
      contentHash: row.hash,
    },
    allChunks: [{ content: { text: row.text }, embedding: row.embedding, searchableText: row.text }],
  });
  if (status === "pending") {
    // A new version of an existing key: rag swaps the chunks page by page, then promotes it.
    let startOrder = 0;
    for (;;) {
      const page = await ctx.runMutation(components.rag.chunks.replaceChunksPage, { entryId, startOrder });
      if (page.status === "replaced") return entryId; // a newer version won; it gets promoted itself
      if (page.status === "ready") break;
      startOrder = page.nextStartOrder;
    }
    await ctx.runMutation(components.rag.entries.promoteToReady, { entryId });
  }
  return entryId;
}

/** Removes an entry; rag deletes its chunks in the background. */
export async function removeRowEntry(ctx: MutationCtx, entryId: string): Promise<void> {
  await ctx.runMutation(components.rag.entries.deleteAsync, { entryId, startOrder: 0 });
}
