import { v } from "convex/values";
import { actionView, auditAction, requireAction, sealedState, vActionView } from "../agentActions/model";
import { saveDefinition } from "../agentActions/save";
import { actionDefinitionFields } from "../agentActions/tables";
import { adminMutation, adminQuery } from "../lib/functions";

/*
 * The Actions page (admins): actions the agent may call. Secret header values and write credentials
 * never come back. A `db_insert` action is saved by private/agentActionInserts:save (catalog check).
 */

export const list = adminQuery({
  args: {},
  returns: v.array(vActionView),
  handler: async (ctx) => {
    const actions = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .collect();
    return await Promise.all(
      actions.map(async (action) => actionView(action, await sealedState(ctx, action._id))),
    );
  },
});

export const get = adminQuery({
  args: { actionId: v.id("agentActions") },
  returns: vActionView,
  handler: async (ctx, { actionId }) => {
    const action = await requireAction(ctx, ctx.member.organizationId, actionId);
    return actionView(action, await sealedState(ctx, action._id));
  },
});

export const create = adminMutation({
  args: actionDefinitionFields,
  returns: v.id("agentActions"),
  handler: async (ctx, input) => await saveDefinition(ctx, ctx.member, input, { catalogChecked: false }),
});

export const update = adminMutation({
  args: { actionId: v.id("agentActions"), ...actionDefinitionFields },
  returns: vActionView,
  handler: async (ctx, { actionId, ...input }) => {
    await saveDefinition(ctx, ctx.member, input, { actionId, catalogChecked: false });
    return actionView((await ctx.db.get(actionId))!, await sealedState(ctx, actionId));
  },
});

/** Deletes the action and its secrets; its runs stay (they are the record of what was done). */
export const remove = adminMutation({
  args: { actionId: v.id("agentActions") },
  returns: v.null(),
  handler: async (ctx, { actionId }) => {
    const action = await requireAction(ctx, ctx.member.organizationId, actionId);
    const secrets = await ctx.db
      .query("agentActionSecrets")
      .withIndex("by_actionId", (q) => q.eq("actionId", action._id))
      .unique();
    if (secrets !== null) await ctx.db.delete(secrets._id);
    await ctx.db.delete(action._id);
    await auditAction(ctx, {
      organizationId: action.organizationId,
      actor: { kind: "member", userId: ctx.member.userId },
      operation: "action_definition",
      action: action.name,
      detail: "removed",
    });
    return null;
  },
});
