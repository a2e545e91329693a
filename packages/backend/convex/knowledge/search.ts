"use node";

import { embed } from "ai";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { GLOBAL_NAMESPACE, knowledgeIndex, organizationNamespace } from "./searchIndex";
import { isRelevant, LEXICAL_WEIGHT, questionTerms, sharedTermShare } from "./relevance";

/** Vector hits read per namespace before relevance and lexical rank pick the few returned. */
const LEXICAL_CANDIDATES = 10;
import type { Viewer } from "../access/viewer";
import { customerScope, PUBLIC_SCOPE } from "../access/rowScopes";

/*
 * What the agent (and the dashboard's search box) retrieves: the organization's namespace, then the
 * global one, filtered to the scopes the viewer may see, above a score threshold and then kept only
 * when relevant (knowledgeRelevance.ts: a high score, or words shared with the question) so that
 * "nothing relevant" is a real answer. Every hit names its source.
 */

export type KnowledgeSource =
  { kind: "row"; table: string; key: string } | { kind: "document"; title: string; key: string };

export interface KnowledgeHit {
  text: string;
  score: number;
  namespace: "organization" | "global";
  source: KnowledgeSource;
}

export const DEFAULT_SCORE_THRESHOLD = 0.3;

function threshold(): number {
  const configured = Number(process.env.KNOWLEDGE_SCORE_THRESHOLD);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_SCORE_THRESHOLD;
}

function filtersFor(viewer: Viewer) {
  if (viewer.kind === "admin") return undefined;
  const scopes = [PUBLIC_SCOPE, ...(viewer.verifiedOwnerKey ? [customerScope(viewer.verifiedOwnerKey)] : [])];
  return scopes.map((value) => ({ name: "scope" as const, value }));
}

export async function searchKnowledge(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
  query: string,
  viewer: Viewer,
  options: { limit?: number } = {},
): Promise<KnowledgeHit[]> {
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 100);
  const { entry, rag } = knowledgeIndex();
  const filters = filtersFor(viewer);
  // One embedding for both namespaces: given the text, rag.search embeds it again for each (with the
  // offline model that is ~10-15 ms of CPU per call, serialized with every other lookup's).
  const { embedding } = await embed({ model: entry.model, value: query });
  const terms = questionTerms(query);
  // More hits than asked for: the relevance check drops some, and the lexical rank below lifts a
  // passage holding the question's words from further down the vector order.
  const candidates = Math.min(Math.max(limit * 2, LEXICAL_CANDIDATES), 100);
  const search = async (namespace: string, label: KnowledgeHit["namespace"]) => {
    const { results, entries } = await rag.search(ctx, {
      namespace,
      query: embedding,
      limit: candidates,
      vectorScoreThreshold: threshold(),
      ...(filters === undefined ? {} : { filters }),
    });
    const byId = new Map(entries.map((entry) => [entry.entryId, entry]));
    return results.flatMap((result): (KnowledgeHit & { rank: number })[] => {
      const entry = byId.get(result.entryId);
      if (entry === undefined) return [];
      const metadata = (entry.metadata ?? {}) as { source?: string; table?: string };
      const key = entry.key ?? "";
      const source: KnowledgeSource =
        metadata.source === "row"
          ? { kind: "row", table: metadata.table ?? "", key }
          : { kind: "document", title: entry.title ?? key, key };
      const text = result.content.map((c) => c.text).join("\n");
      const passage =
        source.kind === "row" ? { kind: "row" as const, table: source.table } : { kind: "document" as const };
      if (!isRelevant({ score: result.score, text, passage }, terms)) return [];
      const rank = result.score + LEXICAL_WEIGHT * sharedTermShare(text, passage, terms);
      return [{ text, score: result.score, rank, namespace: label, source }];
    });
  };
  const [own, global] = await Promise.all([
    search(organizationNamespace(organizationId), "organization"),
    search(GLOBAL_NAMESPACE, "global"),
  ]);
  return [...own, ...global]
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map(({ rank: _rank, ...hit }) => hit);
}
