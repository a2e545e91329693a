"use node";

import type { LookupResult } from "@answerbase/models/language";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { cachedCatalog, toAppError, withConnector, type Actor } from "../dataSources/connection";
import { condenseQuestion } from "./condenseQuestion";
import { asksForGuidance, isWriteStatement } from "./questionKind";
import { readableRowPassage } from "../knowledge/rowPassage";
import { rowsBehindPassages } from "./passageRows";
import { privacyAsk, type PrivacyAsk } from "../lookup/privacyAsk";
import { privacyArticle } from "./privacyArticle";
import { extractEntities } from "../lookup/entities";
import { IDENTIFIERS } from "../lookup/plan";
import { runBoth, SourceTimeout, type Timed } from "./sourceRace";
import { searchKnowledge, type KnowledgeHit } from "../knowledge/search";
import type { Viewer } from "../access/viewer";
import { resultLabel, runLookup, runNamedLookups, type LookupRows } from "../lookup/runLookup";
import { shownColumns } from "../lookup/shownColumns";
import { cell } from "../lookup/cell";
import { loadLookupContext, type LookupContext } from "../lookup/context";

/*
 * The lookup behind the agent's `lookup` tool: the scoped database lookup and the knowledge-base search
 * run in parallel, each under a hard timeout; then the priority rules: rows → answer from rows only;
 * else knowledge-base passages; else "none", said plainly. A failing source degrades to the other.
 */

export const SOURCE_TIMEOUT_MS = 10_000;
const MAX_ROWS_SHOWN = 20;

export interface SourceTiming {
  ms: number;
  outcome: "ok" | "empty" | "failed" | "timeout";
  code?: string;
}

export interface AnswerSources {
  result: LookupResult;
  database: SourceTiming;
  knowledgeBase: SourceTiming;
  /** Table + row keys or document titles behind the answer, for the conversation's sources. */
  cited: { kind: "row"; table: string; count: number }[] | { kind: "document"; title: string }[];
}

/** The rows a reply is written from: per result, its shown columns and at most 20 rows. */
function shownTables(results: readonly LookupRows[]) {
  return results
    .filter((r) => r.outcome.kind === "rows" && r.outcome.rows.length > 0)
    .map((r) => {
      const rows = r.outcome.kind === "rows" ? r.outcome.rows : [];
      const columns = shownColumns(r).filter((name) => rows.some((row) => name in row));
      return {
        table: resultLabel(r),
        columns,
        rows: rows.slice(0, MAX_ROWS_SHOWN).map((row) => columns.map((name) => cell(row[name]))),
        truncated:
          rows.length > MAX_ROWS_SHOWN || (r.outcome.kind === "rows" && r.outcome.nextCursor !== null),
      };
    });
}

async function databaseLookup(
  ctx: ActionCtx,
  context: LookupContext,
  question: string,
  viewer: Viewer,
  actor: Actor,
  asOf: number | undefined,
): Promise<{ results: LookupRows[]; privacy: PrivacyAsk | null }> {
  const { organizationId, policies, namedLookups } = context;
  return await withConnector(
    ctx,
    { organizationId, actor, operation: "lookup", preloaded: context.dataSource },
    async (connector) => {
      const catalog = await cachedCatalog(connector);
      const clock = { now: asOf ?? Date.now(), timeZone: "UTC" };
      const scope = { question, catalog, policies, viewer, timeoutMs: SOURCE_TIMEOUT_MS, clock };
      // An admin's named lookup answers exactly what it was written for: its rows come first.
      const [named, planned] = await Promise.all([
        runNamedLookups(connector, { ...scope, lookups: namedLookups }),
        runLookup(connector, scope),
      ]);
      const results: LookupRows[] = [...named, ...planned];
      const rowCount = results.reduce(
        (sum, r) => sum + (r.outcome.kind === "rows" ? r.outcome.rows.length : 0),
        0,
      );
      const privacy = privacyAsk(question, catalog, policies, viewer);
      return { result: { results, privacy }, rowCount, ...servedBy(results) };
    },
  );
}

/**
 * For the audit log: the tables whose rows answered, else every table the lookup read (so an admin sees
 * where it looked for a customer who got nothing). Names only, never values.
 */
function servedBy(results: LookupRows[]): { table?: string } {
  const withRows = results.filter((r) => r.outcome.kind === "rows" && r.outcome.rows.length > 0);
  const labels = [...new Set((withRows.length > 0 ? withRows : results).map(resultLabel))];
  return labels.length === 0 ? {} : { table: labels.join(", ") };
}

function timingOf(run: Timed<unknown>, found: boolean): SourceTiming {
  const ms = Math.round(run.ms * 10) / 10;
  if (run.ok) return { ms, outcome: found ? "ok" : "empty" };
  if (run.error instanceof SourceTimeout) return { ms, outcome: "timeout", code: "timeout" };
  return { ms, outcome: "failed", code: toAppError(run.error).data.code };
}

export async function gatherAnswerSources(
  ctx: ActionCtx,
  request: {
    organizationId: Id<"organizations">;
    question: string;
    viewer: Viewer;
    actor: Actor;
    /** "next", "today" are read against this instant; default now. */
    asOf?: number;
    /** The turn's lookup context; loaded here (one query) when the caller has none. */
    context?: LookupContext;
  },
  options: {
    timeoutMs?: number;
    /** Database, then knowledge base: only to measure what running them in parallel saves (bench). */
    sequential?: boolean;
  } = {},
): Promise<AnswerSources> {
  const timeoutMs = options.timeoutMs ?? SOURCE_TIMEOUT_MS;
  const { organizationId, viewer, actor } = request;
  const question = condenseQuestion(request.question);
  if (isWriteStatement(question)) {
    const skipped: SourceTiming = { ms: 0, outcome: "empty" };
    return { result: { source: "none" }, database: skipped, knowledgeBase: skipped, cited: [] };
  }
  let context = request.context;
  const [db, kb] = await runBoth(
    async () => {
      context = request.context ?? (await loadLookupContext(ctx, organizationId));
      return databaseLookup(ctx, context, question, viewer, actor, request.asOf);
    },
    () => searchKnowledge(ctx, organizationId, question, viewer, { limit: 5 }),
    { timeoutMs, sequential: options.sequential ?? false },
  );

  const dbResults = db.ok ? db.value.results : [];
  let tables = shownTables(dbResults);
  let hits: KnowledgeHit[] = kb.ok ? kb.value : [];
  // Every candidate failed (e.g. the server refused connections): a failure, not "nothing found".
  const allFailed =
    dbResults.length > 0 && dbResults.every((r) => r.outcome.kind === "failed") && tables.length === 0;
  const firstFailure = dbResults.find((r) => r.outcome.kind === "failed")?.outcome;
  const database: SourceTiming = allFailed
    ? {
        ms: Math.round(db.ms * 10) / 10,
        outcome: "failed",
        code: firstFailure?.kind === "failed" ? firstFailure.code : "internal",
      }
    : timingOf(db, tables.length > 0);
  const knowledgeBase = timingOf(kb, hits.length > 0);

  const note =
    viewer.kind === "contact" && viewer.verifiedOwnerKey === null
      ? "For questions about your own account or records, sign in on the site (or verify your e-mail) so I can look them up."
      : undefined;
  const withNote = (result: LookupResult): LookupResult =>
    note === undefined ? result : { ...result, note };

  // "How late can I cancel?" is answered by the rules, not by the asker's bookings (agent/questionKind.ts).
  // So is a question about what the policies hide from the visitor (lookup/hiddenAsk.ts).
  // So is one about staff notes: what the chat never shows is said by the privacy article.
  const privacy = db.ok ? db.value.privacy : null;
  const asksHidden = privacy === "hidden" || privacy === "remarks";
  if (privacy !== null && (asksHidden || (tables.length === 0 && hits.length === 0))) {
    const article: KnowledgeHit[] = await privacyArticle(
      ctx,
      organizationId,
      question,
      privacy,
      viewer,
    ).catch(() => []);
    if (article.length > 0) hits = [...article, ...hits.filter((hit) => !article.includes(hit))];
  }
  const articlesFirst =
    hits.some((hit) => hit.source.kind === "document") && (asksForGuidance(question) || asksHidden);
  // No table answered by its words, but the knowledge base found rows by meaning: read them live.
  // A question naming one record ("where is order #1002?") is about that record, not rows near it.
  const namesRecord = extractEntities(question).some((entity) => IDENTIFIERS.has(entity.kind));
  if (
    tables.length === 0 &&
    !asksHidden &&
    !articlesFirst &&
    !namesRecord &&
    hits[0]?.source.kind === "row" &&
    context !== undefined
  ) {
    const found = await rowsBehindPassages(ctx, context, hits, viewer, actor, timeoutMs).catch(() => []);
    tables = shownTables(found);
  }
  if (tables.length > 0 && !articlesFirst) {
    return {
      result: withNote({ source: "database", rows: tables }),
      database,
      knowledgeBase,
      cited: tables.map((t) => ({ kind: "row" as const, table: t.table, count: t.rows.length })),
    };
  }
  if (hits.length > 0) {
    // The rules, not the asker's rows again in another form.
    const shown = articlesFirst ? hits.filter((hit) => hit.source.kind === "document") : hits;
    const passages = shown
      .slice(0, 3)
      .map((hit) =>
        hit.source.kind === "document"
          ? { title: hit.source.title, text: hit.text }
          : readableRowPassage(hit.text, hit.source.table),
      );
    return {
      result: withNote({ source: "knowledge_base", passages }),
      database,
      knowledgeBase,
      cited: passages.map((p) => ({ kind: "document" as const, title: p.title })),
    };
  }
  return { result: withNote({ source: "none" }), database, knowledgeBase, cited: [] };
}
