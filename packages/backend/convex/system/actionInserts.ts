import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { saveDefinition } from "../agentActions/save";
import { actionDefinitionFields } from "../agentActions/tables";

/**
 * Saves a `db_insert` action whose table and columns private/agentActionInserts:save has just checked
 * against the catalog (the primary key set as `returning`). The write credential is sealed here.
 */
export const save = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    userId: v.id("users"),
    actionId: v.optional(v.id("agentActions")),
    definition: v.object(actionDefinitionFields),
  },
  returns: v.id("agentActions"),
  handler: async (ctx, { organizationId, userId, actionId, definition }) =>
    await saveDefinition(ctx, { organizationId, userId }, definition, {
      ...(actionId === undefined ? {} : { actionId }),
      catalogChecked: true,
    }),
});
