"use node";

import { isConnectorError, type Connector, type TableInfo } from "@answerbase/connectors";
import type { LookupCell } from "@answerbase/models/language";
import { v, type Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { cell } from "./cell";
import { cachedCatalog, withConnector, type Actor } from "../dataSources/connection";
import { appError } from "../lib/errors";
import type { PolicyMap, Viewer } from "../access/viewer";
import { runStatementPage, STATEMENT_TIMEOUT_MS, type StatementPage } from "./pagedStatement";
import { namedLookupLabel, runNamedLookup } from "./named/run";
import { loadLookupContext, type LookupContext } from "./context";

/*
 * The agent's database tools beyond `lookup`: a named lookup by name with the model's arguments, and
 * (only when a real language model is configured; the caller decides) a SELECT the model wrote. Both
 * run through `withConnector` (rate limit, audit entry, coded errors) with a 10 s statement timeout,
 * scoped to the viewer by `wrapModelSql`. A refused statement is `invalid_input` or `forbidden` with
 * the guard's reason, so the model can read it and write a better one. Node only (drivers).
 */

const vCell = v.union(v.string(), v.number(), v.boolean(), v.null());

/** What the agent's database tools return (and `tryIt`, without the label). */
export const vAgentRows = v.object({
  /** `order_status (named lookup)` or `model SQL`. */
  table: v.string(),
  columns: v.array(v.string()),
  /** `rows[i][j]` is the value of `columns[j]`; JSON cells as text, 64-bit numbers as strings. */
  rows: v.array(v.array(vCell)),
  rowCount: v.number(),
  /** More rows follow; ask again with `nextCursor`. */
  truncated: v.boolean(),
  nextCursor: v.union(v.string(), v.null()),
  durationMs: v.number(),
  /** The SQL that ran, after scoping and paging; placeholders only, never a value. */
  statement: v.string(),
});

export type AgentRows = Infer<typeof vAgentRows> & { rows: LookupCell[][] };

export interface AgentQuery {
  organizationId: Id<"organizations">;
  viewer: Viewer;
  actor: Actor;
  /** Rows per page: default 20, at most 100. */
  limit?: number;
  cursor?: string | null;
  /** The turn's lookup context; loaded here (one query) when the caller has none. */
  context?: LookupContext;
}

export const MODEL_SQL_LABEL = "model SQL";

/**
 * The guard's refusals as errors the model (or an admin) can act on: a table the viewer may not read
 * is `forbidden`, anything else wrong with the statement `invalid_input`; other failures pass as they are.
 */
export function explainRefusal(error: unknown, viewer: Viewer): unknown {
  if (!isConnectorError(error)) return error;
  if (error.code === "rejected_sql" && /may not read/.test(error.message)) {
    const why =
      viewer.kind === "contact" && viewer.verifiedOwnerKey === null
        ? " The visitor's identity is not verified, so only public tables can be read."
        : "";
    return appError("forbidden", `${error.message}${why}`);
  }
  if (error.code === "rejected_sql" || error.code === "syntax" || error.code === "not_found") {
    return appError("invalid_input", `The statement was refused (${error.code}): ${error.message}`);
  }
  return error;
}

type Work = (
  connector: Connector,
  scope: { catalog: readonly TableInfo[]; policies: PolicyMap },
) => Promise<StatementPage>;

async function runForAgent(
  ctx: ActionCtx,
  query: AgentQuery & { context: LookupContext },
  table: string,
  work: Work,
): Promise<AgentRows> {
  const { policies, dataSource: preloaded } = query.context;
  const page = await withConnector(
    ctx,
    {
      organizationId: query.organizationId,
      actor: query.actor,
      operation: "lookup",
      table,
      rateLimit: "agentLookup",
      preloaded,
    },
    async (connector) => {
      const catalog = await cachedCatalog(connector);
      try {
        const result = await work(connector, { catalog, policies });
        return { result, rowCount: result.rows.length };
      } catch (error) {
        throw explainRefusal(error, query.viewer);
      }
    },
  );
  const columns = page.columns.map((c) => c.name);
  return {
    table,
    columns,
    rows: page.rows.map((row) => columns.map((name) => cell(row[name]))),
    rowCount: page.rows.length,
    truncated: page.truncated,
    nextCursor: page.nextCursor,
    durationMs: Math.round(page.durationMs),
    statement: page.statement,
  };
}

const paging = (query: AgentQuery) => ({
  ...(query.limit === undefined ? {} : { limit: query.limit }),
  ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  timeoutMs: STATEMENT_TIMEOUT_MS,
});

/** Runs the organization's named lookup `name` with the model's arguments, as `viewer` may see it. */
export async function runNamedLookupForAgent(
  ctx: ActionCtx,
  query: AgentQuery & { name: string; args: Readonly<Record<string, unknown>> },
): Promise<AgentRows> {
  const context = query.context ?? (await loadLookupContext(ctx, query.organizationId));
  const lookup = context.namedLookups.find((candidate) => candidate.name === query.name);
  if (lookup === undefined) throw appError("not_found", `There is no named lookup called ${query.name}.`);
  return await runForAgent(ctx, { ...query, context }, namedLookupLabel(lookup.name), (connector, scope) =>
    runNamedLookup(connector, { lookup, args: query.args, ...scope, viewer: query.viewer, ...paging(query) }),
  );
}

/** Runs a SELECT the model wrote against the catalog, customer tables filtered to the verified contact. */
export async function runModelSqlForAgent(
  ctx: ActionCtx,
  query: AgentQuery & { sql: string },
): Promise<AgentRows> {
  const context = query.context ?? (await loadLookupContext(ctx, query.organizationId));
  return await runForAgent(ctx, { ...query, context }, MODEL_SQL_LABEL, (connector, scope) =>
    runStatementPage(connector, {
      sql: query.sql,
      params: [],
      ...scope,
      viewer: query.viewer,
      cursorScope: `sql:${hashOf(query.sql)}`,
      ...paging(query),
    }),
  );
}

/** FNV-1a: binds a cursor to its statement without putting the statement in the cursor. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16);
}
