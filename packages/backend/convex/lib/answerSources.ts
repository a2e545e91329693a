import type { JsonValue } from "@answerbase/connectors";
import type { LookupCell, LookupResult as ToolResult } from "@answerbase/models/language";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { AccessPolicy } from "./accessPolicies";
import { cachedCatalog, toAppError, withConnector, type Actor } from "./dataSourceAccess";
import { condenseQuestion } from "./condenseQuestion";
import { runBoth, SourceTimeout, type Timed } from "./sourceRace";
import { searchKnowledge, type KnowledgeHit, type Viewer } from "./knowledgeSearch";
import {
  resultColumns,
  resultLabel,
  runLookup,
  runNamedLookups,
  type AnyLookupResult,
} from "./lookup/runLookup";

/*
 * The lookup behind the agent's `lookup` tool: the scoped database lookup and the knowledge-base search
 * run in parallel, each under a hard timeout; then the priority rules: rows → answer from rows only;
 * else knowledge-base passages; else "none", said plainly. A failing source degrades to the other.
 */

export const SOURCE_TIMEOUT_MS = 10_000;
const MAX_ROWS_SHOWN = 20;

type Cell = LookupCell;

/** What the tool returns to the model: the shape the offline model (and the prompt) are written for. */
export type LookupToolResult = ToolResult;

export interface SourceTiming {
  ms: number;
  outcome: "ok" | "empty" | "failed" | "timeout";
  code?: string;
}

export interface AnswerSources {
  result: LookupToolResult;
  database: SourceTiming;
  knowledgeBase: SourceTiming;
  /** Table + row keys or document titles behind the answer, for the conversation's sources. */
  cited: { kind: "row"; table: string; count: number }[] | { kind: "document"; title: string }[];
}

export function cell(value: JsonValue | undefined): Cell {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  return JSON.stringify(value);
}

async function databaseLookup(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
  question: string,
  viewer: Viewer,
  actor: Actor,
): Promise<AnyLookupResult[]> {
  return await withConnector(
    ctx,
    { organizationId, actor, operation: "lookup" },
    async (connector, dataSource) => {
      const catalog = await cachedCatalog(connector, organizationId, dataSource.version);
      const saved: { schema: string; table: string; policy: AccessPolicy }[] = await ctx.runQuery(
        internal.system.dataSourcePolicies.forOrganization,
        { organizationId },
      );
      const lookups = await ctx.runQuery(internal.system.namedLookups.forOrganization, { organizationId });
      const policies = new Map(saved.map((p) => [`${p.schema}.${p.table}`, p.policy]));
      const scope = { question, catalog, policies, viewer, timeoutMs: SOURCE_TIMEOUT_MS };
      // An admin's named lookup answers exactly what it was written for: its rows come first.
      const [named, planned] = await Promise.all([
        runNamedLookups(connector, { ...scope, lookups }),
        runLookup(connector, scope),
      ]);
      const results: AnyLookupResult[] = [...named, ...planned];
      const rowCount = results.reduce(
        (sum, r) => sum + (r.outcome.kind === "rows" ? r.outcome.rows.length : 0),
        0,
      );
      return { result: results, rowCount };
    },
  );
}

function timingOf(run: Timed<unknown>, found: boolean): SourceTiming {
  const ms = Math.round(run.ms * 10) / 10;
  if (run.ok) return { ms, outcome: found ? "ok" : "empty" };
  if (run.error instanceof SourceTimeout) return { ms, outcome: "timeout", code: "timeout" };
  return { ms, outcome: "failed", code: toAppError(run.error).data.code };
}

export async function gatherAnswerSources(
  ctx: ActionCtx,
  request: { organizationId: Id<"organizations">; question: string; viewer: Viewer; actor: Actor },
  options: {
    timeoutMs?: number;
    /** Database, then knowledge base: only to measure what running them in parallel saves (bench). */
    sequential?: boolean;
  } = {},
): Promise<AnswerSources> {
  const timeoutMs = options.timeoutMs ?? SOURCE_TIMEOUT_MS;
  const { organizationId, viewer, actor } = request;
  const question = condenseQuestion(request.question);
  const [db, kb] = await runBoth(
    () => databaseLookup(ctx, organizationId, question, viewer, actor),
    () => searchKnowledge(ctx, organizationId, question, viewer, { limit: 5 }),
    { timeoutMs, sequential: options.sequential ?? false },
  );

  const tables = (db.ok ? db.value : [])
    .filter((r) => r.outcome.kind === "rows" && r.outcome.rows.length > 0)
    .map((r) => {
      const rows = r.outcome.kind === "rows" ? r.outcome.rows : [];
      const columns = resultColumns(r).filter((name) => rows.some((row) => name in row));
      return {
        table: resultLabel(r),
        columns,
        rows: rows.slice(0, MAX_ROWS_SHOWN).map((row) => columns.map((name) => cell(row[name]))),
        truncated:
          rows.length > MAX_ROWS_SHOWN || (r.outcome.kind === "rows" && r.outcome.nextCursor !== null),
      };
    });
  const hits: KnowledgeHit[] = kb.ok ? kb.value : [];
  // Every candidate failed (e.g. the server refused connections): a failure, not "nothing found".
  const allFailed =
    db.ok && db.value.length > 0 && db.value.every((r) => r.outcome.kind === "failed") && tables.length === 0;
  const firstFailure = db.ok ? db.value.find((r) => r.outcome.kind === "failed")?.outcome : undefined;
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
      ? "For questions about your own orders or account, sign in on the site (or verify your e-mail) so I can look them up."
      : undefined;
  const withNote = (result: LookupToolResult): LookupToolResult =>
    note === undefined ? result : { ...result, note };

  if (tables.length > 0) {
    return {
      result: withNote({ source: "database", rows: tables }),
      database,
      knowledgeBase,
      cited: tables.map((t) => ({ kind: "row" as const, table: t.table, count: t.rows.length })),
    };
  }
  if (hits.length > 0) {
    const passages = hits.slice(0, 3).map((hit) => ({
      title: hit.source.kind === "document" ? hit.source.title : hit.source.table,
      text: hit.text,
    }));
    return {
      result: withNote({ source: "knowledge_base", passages }),
      database,
      knowledgeBase,
      cited: passages.map((p) => ({ kind: "document" as const, title: p.title })),
    };
  }
  return { result: withNote({ source: "none" }), database, knowledgeBase, cited: [] };
}
