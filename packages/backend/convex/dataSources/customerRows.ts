"use node";

import { v, type Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { readableTables, type Viewer } from "../access/viewer";
import { loadLookupContext } from "../lookup/context";
import { cachedCatalog, withConnector, type Actor } from "./connection";
import { readAsViewer } from "./customerPreview";

/*
 * The inbox's customer panel: a verified customer's own rows, table by table, exactly as the agent's
 * lookups may read them for that customer — the saved policies, the owner filter, staff-only rows and
 * hidden columns, through `readAsViewer` (the policy preview's reader). Public tables are left out: they
 * say nothing about this customer. Read-only, a few rows a table, audited as a `lookup` by the member.
 */

export const vCustomerTable = v.object({
  schema: v.string(),
  table: v.string(),
  columns: v.array(v.string()),
  /** Cells in column order; json cells as JSON text. */
  rows: v.array(v.array(v.any())),
  /** Pass back (with the table) for the next rows; null when these are all. */
  nextCursor: v.union(v.string(), v.null()),
});

export const vCustomerRows = v.union(
  /** Nobody vouched for the customer's e-mail: no customer rows are read, as for the agent. */
  v.object({ kind: v.literal("not_verified") }),
  v.object({ kind: v.literal("tables"), tables: v.array(vCustomerTable) }),
);

/** Rows per table in the panel, and per "more". */
export const FIRST_ROWS = 5;
export const MORE_ROWS = 20;
/** Customer tables read per panel (one query each). */
const MAX_TABLES = 12;

export async function customerRows(
  ctx: ActionCtx,
  acting: { organizationId: Id<"organizations">; actor: Actor },
  request: {
    conversationId: Id<"conversations">;
    /** One table's next page ("more"); without it the first rows of every readable customer table. */
    more?: { schema: string; table: string; cursor: string };
  },
): Promise<Infer<typeof vCustomerRows>> {
  const ownerKey = await ctx.runQuery(internal.system.customerContext.ownerKey, {
    organizationId: acting.organizationId,
    conversationId: request.conversationId,
  });
  if (ownerKey === null) return { kind: "not_verified" };
  const viewer: Viewer = { kind: "contact", verifiedOwnerKey: ownerKey };
  const lookup = await loadLookupContext(ctx, acting.organizationId);
  const { more } = request;
  return await withConnector(
    ctx,
    { ...acting, operation: "lookup", rateLimit: "previewRows", preloaded: lookup.dataSource },
    async (connector) => {
      const catalog = await cachedCatalog(connector);
      const tables = readableTables(catalog, lookup.policies, viewer)
        .filter(({ policy }) => policy.kind === "customer")
        .filter(
          ({ table }) => more === undefined || (table.schema === more.schema && table.name === more.table),
        )
        .slice(0, MAX_TABLES);
      const read = [];
      for (const { table, policy } of tables) {
        const page = await readAsViewer(connector, catalog, {
          table,
          policy,
          viewer,
          limit: more === undefined ? FIRST_ROWS : MORE_ROWS,
          cursor: more?.cursor ?? null,
        });
        // A policy the catalog no longer fits (its owner path gone) gives this customer nothing from it.
        if (page.kind === "rows")
          read.push({
            schema: table.schema,
            table: table.name,
            columns: page.columns,
            rows: page.rows,
            nextCursor: page.nextCursor,
          });
      }
      return {
        result: { kind: "tables" as const, tables: read },
        rowCount: read.reduce((sum, t) => sum + t.rows.length, 0),
        ...(read.length > 0 && { table: read.map((t) => `${t.schema}.${t.table}`).join(", ") }),
      };
    },
  );
}
