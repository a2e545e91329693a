"use node";

import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { Viewer } from "../access/viewer";
import { searchKnowledge, type KnowledgeHit } from "../knowledge/search";
import type { PrivacyAsk } from "../lookup/privacyAsk";

/*
 * The help article that says what the chat shows and what it never shows, for a question about hidden
 * data, staff notes or another person (lookup/privacyAsk.ts). The question alone often finds nothing or
 * the wrong article ("what did the retentions team say about me?" shares no word with any of them), so
 * it is searched together with what such questions are about, in plain privacy words any organization's
 * article uses. Only help articles, and only sections of the one article found first.
 */

const TOPIC: Record<PrivacyAsk, string> = {
  hidden: "privacy: which personal details we hold about you and what the chat never shows",
  remarks: "privacy: the internal notes our team keeps about you are not shown in the chat",
  person: "privacy: we never share another customer's personal details",
  sign_in: "privacy: what the chat assistant can tell you about your own account once you are signed in",
};

export async function privacyArticle(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
  question: string,
  ask: PrivacyAsk,
  viewer: Viewer,
): Promise<KnowledgeHit[]> {
  const hits = await searchKnowledge(ctx, organizationId, `${question} ${TOPIC[ask]}`, viewer, { limit: 8 });
  const documents = hits.filter((hit) => hit.source.kind === "document");
  const first = documents[0];
  if (first === undefined || first.source.kind !== "document") return [];
  const title = first.source.title;
  return documents.filter((hit) => hit.source.kind === "document" && hit.source.title === title).slice(0, 3);
}
