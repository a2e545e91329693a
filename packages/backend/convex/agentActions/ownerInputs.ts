"use node";

import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { policyOf } from "../access/viewer";
import { cachedCatalog, withConnector } from "../dataSources/connection";
import { readAsViewer } from "../dataSources/customerPreview";
import { loadLookupContext } from "../lookup/context";
import { SIGN_IN_FIRST } from "./runs";
import type { InputValue } from "./templates";

/*
 * Owner-path identity inputs (`customer.column`, e.g. customers.id of the verified customer): read on
 * the server, before the run is requested, through the table's customer policy exactly as the agent's
 * lookups read it for this customer (owner filter, hidden columns left out), on the read-only lookup
 * credential. Exactly one row must come back; the model never supplies these values.
 */

export type OwnerValues =
  { kind: "values"; values: { name: string; value: InputValue }[] } | { kind: "refused"; refusal: string };

function scalar(cell: unknown): InputValue {
  if (cell === null || typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean")
    return cell;
  return JSON.stringify(cell);
}

export async function resolveOwnerInputs(
  ctx: ActionCtx,
  request: { actionId: Id<"agentActions">; conversationId: Id<"conversations"> },
): Promise<OwnerValues> {
  const plan = await ctx.runQuery(internal.system.actionRuns.ownerInputs, {
    actionId: request.actionId,
    conversationId: request.conversationId,
  });
  if (plan === null || plan.inputs.length === 0) return { kind: "values", values: [] };
  if (plan.ownerKey === null) return { kind: "refused", refusal: SIGN_IN_FIRST };
  const viewer = { kind: "contact" as const, verifiedOwnerKey: plan.ownerKey };
  const lookup = await loadLookupContext(ctx, plan.organizationId);
  const inputs = plan.inputs;
  return await withConnector<OwnerValues>(
    ctx,
    {
      organizationId: plan.organizationId,
      actor: { kind: "contact", contactId: plan.contactSessionId },
      operation: "lookup",
      table: inputs.map((input) => `${input.schema}.${input.table}`).join(", "),
      preloaded: lookup.dataSource,
    },
    async (connector) => {
      const catalog = await cachedCatalog(connector);
      const values: { name: string; value: InputValue }[] = [];
      for (const input of inputs) {
        const table = { schema: input.schema, name: input.table };
        const policy = policyOf(lookup.policies, table);
        const page =
          policy.kind === "customer"
            ? await readAsViewer(connector, catalog, { table, policy, viewer, limit: 2 })
            : null;
        const column = page?.kind === "rows" ? page.columns.indexOf(input.column) : -1;
        if (page === null || page.kind !== "rows" || column === -1)
          return {
            result: {
              kind: "refused",
              refusal:
                "This action is misconfigured (its customer record is not readable); tell the customer. Nothing was done.",
            },
          };
        if (page.rows.length !== 1)
          return {
            result: {
              kind: "refused",
              refusal: `${page.rows.length === 0 ? "No" : "More than one"} ${input.table} record belongs to this signed-in customer, so this cannot be done for them; tell the customer a person will help. Nothing was done.`,
            },
            rowCount: page.rows.length,
          };
        values.push({ name: input.name, value: scalar(page.rows[0]![column]) });
      }
      return { result: { kind: "values", values }, rowCount: values.length };
    },
  );
}
