import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { validateDefinition } from "./definition";
import { ownerInputProblems } from "./insertCatalog";
import {
  auditAction,
  policyMapOf,
  requireAction,
  requireFreeName,
  saveHeaders,
  saveWriteCredential,
  storedDefinition,
} from "./model";
import type { ActionDefinitionInput } from "./tables";

/*
 * Creating or replacing an action, for the Actions page's mutations (HTTP kinds) and for the save
 * action of `db_insert` (private/agentActionInserts.ts, which checked the table against the catalog
 * first and passes `catalogChecked`). Secrets are sealed apart, the change is audited.
 */

const MAX_ACTIONS = 50;

export async function saveDefinition(
  ctx: MutationCtx,
  by: { organizationId: Id<"organizations">; userId: Id<"users"> },
  input: ActionDefinitionInput,
  options: { actionId?: Id<"agentActions">; catalogChecked: boolean },
): Promise<Id<"agentActions">> {
  const { organizationId, userId } = by;
  if (input.kind === "db_insert" && !options.catalogChecked)
    throw appError(
      "invalid_input",
      "A database insert action is saved through private/agentActionInserts:save, which checks its table against the database.",
      { fields: [{ field: "kind", message: "Save it from the Actions page's database insert editor." }] },
    );
  const network = (await ctx.db.get(organizationId))?.networkAccess ?? "public_internet";
  const definition = validateDefinition(input, network);
  // The catalog check (db_insert) looked at columns too; here the policies, which any kind needs.
  const ownerProblems = ownerInputProblems(
    definition.contextInputs,
    await policyMapOf(ctx, organizationId),
    null,
  );
  if (ownerProblems.length > 0)
    throw appError("invalid_input", ownerProblems.map((p) => p.message).join(" "), { fields: ownerProblems });
  const existing =
    options.actionId === undefined ? null : await requireAction(ctx, organizationId, options.actionId);
  await requireFreeName(ctx, organizationId, definition.name, existing?._id);
  const row = { ...storedDefinition(definition), organizationId, updatedAt: Date.now(), updatedBy: userId };
  let actionId: Id<"agentActions">;
  if (existing === null) {
    const count = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .take(MAX_ACTIONS);
    if (count.length >= MAX_ACTIONS)
      throw appError("invalid_input", `An organization can have at most ${MAX_ACTIONS} actions.`);
    actionId = await ctx.db.insert("agentActions", row);
  } else {
    actionId = existing._id;
    await ctx.db.replace(actionId, row);
  }
  const saved = (await ctx.db.get(actionId))!;
  await saveHeaders(ctx, saved, definition.headers);
  await saveWriteCredential(ctx, saved, definition.writeConnectionString);
  const target =
    definition.kind === "db_insert"
      ? `insert into ${definition.insert!.schema}.${definition.insert!.table}`
      : definition.method;
  await auditAction(ctx, {
    organizationId,
    actor: { kind: "member", userId },
    operation: "action_definition",
    action: definition.name,
    detail:
      existing === null
        ? `created (${definition.kind}, ${target}, gate ${definition.gate.kind})`
        : `updated (${definition.enabled ? "enabled" : "disabled"}, ${target}, gate ${definition.gate.kind})`,
  });
  return actionId;
}
