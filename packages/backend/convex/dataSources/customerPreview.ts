"use node";

import { v, type Infer } from "convex/values";
import type { Connector, TableInfo, TableRef } from "@answerbase/connectors";
import type { ActionCtx } from "../_generated/server";
import type { Viewer } from "../access/viewer";
import type { AccessPolicy } from "../access/policies";
import { cachedCatalog, withConnector, type Actor } from "./connection";
import { appError, isAppError } from "../lib/errors";
import { assertHiddenColumnsValid } from "../access/hiddenColumns";
import { buildScopedSelect, readPage } from "../lookup/scopedSql";

/*
 * "What this customer would see": a table's rows read exactly as the widget's lookups read them — the
 * (draft) policy's owner filter for the given e-mail, hidden columns left out — so an admin can check a
 * policy before saving it. With no e-mail, as an anonymous visitor. The e-mail is treated as verified,
 * as the site's signature would make it.
 */

export const vCustomerView = v.union(
  v.object({
    kind: v.literal("rows"),
    columns: v.array(v.string()),
    /** Cells in column order; json cells as JSON text. */
    rows: v.array(v.array(v.any())),
    /** More rows than shown. */
    more: v.boolean(),
  }),
  /** The policy gives this viewer nothing from the table, and why. */
  v.object({ kind: v.literal("refused"), message: v.string() }),
);

const PREVIEW_ROWS = 20;

export async function customerView(
  ctx: ActionCtx,
  acting: { organizationId: Parameters<typeof withConnector>[1]["organizationId"]; actor: Actor },
  request: { schema: string; table: string; policy: AccessPolicy; email: string | null },
): Promise<Infer<typeof vCustomerView>> {
  assertHiddenColumnsValid(request.policy);
  const email = request.email?.trim().toLowerCase() ?? null;
  if (email !== null && (email.length === 0 || email.length > 254 || !email.includes("@"))) {
    throw appError("invalid_input", "Give the customer's e-mail address, or none to see as a visitor.", {
      fields: [{ field: "email", message: "must be an e-mail address" }],
    });
  }
  const label = `${request.schema}.${request.table}`;
  return await withConnector<Infer<typeof vCustomerView>>(
    ctx,
    { ...acting, operation: "preview_rows", table: label, rateLimit: "previewRows" },
    async (connector) => {
      const page = await readAsViewer(connector, await cachedCatalog(connector), {
        table: { schema: request.schema, name: request.table },
        policy: request.policy,
        viewer: { kind: "contact", verifiedOwnerKey: email },
        limit: PREVIEW_ROWS,
      });
      if (page.kind === "refused") return { result: page };
      const { nextCursor, ...rows } = page;
      return { result: { ...rows, more: nextCursor !== null }, rowCount: rows.rows.length };
    },
  );
}

export type ViewerPage =
  | { kind: "rows"; columns: string[]; rows: unknown[][]; nextCursor: string | null }
  | { kind: "refused"; message: string };

/**
 * One page of a table as `viewer` may see it, through the lookups' own scoped SELECT (owner filter,
 * staff-only rows and hidden columns left out): the policy preview and the inbox's customer panel both
 * read rows this way, so neither can show more than the agent would give that customer.
 */
export async function readAsViewer(
  connector: Connector,
  catalog: TableInfo[],
  request: { table: TableRef; policy: AccessPolicy; viewer: Viewer; limit: number; cursor?: string | null },
): Promise<ViewerPage> {
  let select;
  try {
    select = buildScopedSelect({ ...request, catalog });
  } catch (error) {
    // A private table, or customer rows for a visitor: the answer, not a failure.
    if (isAppError(error) && error.data.code === "forbidden")
      return { kind: "refused", message: error.data.message };
    throw error;
  }
  const result = await connector.query(select.sql, select.params, {
    allowedTables: select.allowedTables,
    maxRows: select.maxRows,
    timeoutMs: 10_000,
  });
  const page = readPage(select, result.rows);
  const columns = select.table.columns.filter((c) => result.columns.some((r) => r.name === c.name));
  return {
    kind: "rows",
    columns: columns.map((c) => c.name),
    rows: page.rows.map((row) =>
      columns.map((c) => {
        const value = row[c.name] ?? null;
        return c.type === "json" && value !== null ? JSON.stringify(value) : value;
      }),
    ),
    nextCursor: page.nextCursor,
  };
}
