"use node";

import type { ActionCtx } from "../_generated/server";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import { findTable, mayRead, policyOf, type Viewer } from "../access/viewer";
import { cachedCatalog, withConnector, type Actor } from "../dataSources/connection";
import type { KnowledgeHit } from "../knowledge/search";
import type { LookupContext } from "../lookup/context";
import type { LookupCandidate } from "../lookup/plan";
import { runCandidate, type TableRows } from "../lookup/runLookup";

/*
 * Rows found by meaning. The planner reads a question by its words; when none of them picks a table
 * ("Which therapist specialises in women's health?", "Was kostet der Tarif SIM Only 10GB?") the
 * knowledge base may still find the ingested rows that answer it. Those rows are then read again from
 * the database by primary key, as the viewer may see them now (scoped, hidden columns left out, names
 * joined instead of keys), so the reply is the live row and not a copy indexed hours ago.
 */

/** Row passages re-read: the few the reply would quote. */
const MAX_ROWS = 3;

interface PassageKeys {
  /** `schema.table` as the passage's metadata names it. */
  table: string;
  keys: string[];
}

/** The row passages among the first hits, by table, with the primary-key value of each. */
export function passageKeys(hits: readonly KnowledgeHit[]): PassageKeys[] {
  const byTable = new Map<string, string[]>();
  for (const hit of hits.slice(0, MAX_ROWS)) {
    if (hit.source.kind !== "row" || !hit.source.key.startsWith(`${hit.source.table}:`)) continue;
    const key = hit.source.key.slice(hit.source.table.length + 1);
    byTable.set(hit.source.table, [...(byTable.get(hit.source.table) ?? []), key]);
  }
  return [...byTable].map(([table, keys]) => ({ table, keys }));
}

export async function rowsBehindPassages(
  ctx: ActionCtx,
  context: LookupContext,
  hits: readonly KnowledgeHit[],
  viewer: Viewer,
  actor: Actor,
  timeoutMs: number,
): Promise<TableRows[]> {
  const wanted = passageKeys(hits);
  if (wanted.length === 0) return [];
  const { organizationId, policies } = context;
  return await withConnector(
    ctx,
    { organizationId, actor, operation: "lookup", preloaded: context.dataSource },
    async (connector) => {
      const catalog = await cachedCatalog(connector);
      const candidates = wanted.flatMap(({ table, keys }): LookupCandidate[] => {
        const dot = table.indexOf(".");
        const stored = findTable(catalog, { schema: table.slice(0, dot), name: table.slice(dot + 1) });
        if (stored === undefined) return [];
        const policy = policyOf(policies, stored);
        if (!mayRead(policy, viewer)) return [];
        // A composite or hidden key cannot be read back from the passage's key.
        const visible = withoutHiddenColumns(stored, policy);
        if (visible.primaryKey.length !== 1) return [];
        const column = visible.primaryKey[0]!;
        return [
          {
            table: stored,
            policy,
            score: 0,
            conditions: [],
            refinements: [],
            broadAnswer: false,
            selection: {
              conditions: [{ anyOf: keys.map((value) => ({ column, operator: "=" as const, value })) }],
              sortBy: { column, direction: "asc" },
              limit: keys.length,
              why: "rows the knowledge base found by meaning",
            },
            reason: `${table}: rows the knowledge base found by meaning`,
          },
        ];
      });
      const input = { question: "", catalog, policies, viewer, timeoutMs };
      const result = await Promise.all(
        candidates.map(async (candidate) => ({
          candidate,
          table: { schema: candidate.table.schema, name: candidate.table.name },
          outcome: await runCandidate(connector, input, candidate),
        })),
      );
      const rowCount = result.reduce(
        (n, r) => n + (r.outcome.kind === "rows" ? r.outcome.rows.length : 0),
        0,
      );
      return { result, rowCount, table: wanted.map((w) => w.table).join(", ") };
    },
  );
}
