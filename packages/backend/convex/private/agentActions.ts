import { v } from "convex/values";
import { validateDefinition } from "../agentActions/definition";
import {
  actionView,
  auditAction,
  requireAction,
  saveHeaders,
  sealedHeaderNames,
  storedHeaders,
  vActionView,
} from "../agentActions/model";
import { actionDefinitionFields } from "../agentActions/tables";
import { adminMutation, adminQuery } from "../lib/functions";
import { appError } from "../lib/errors";
import type { MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

/* The Actions page (admins): HTTP actions the agent may call. Secret header values never come back. */

const MAX_ACTIONS = 50;

export const list = adminQuery({
  args: {},
  returns: v.array(vActionView),
  handler: async (ctx) => {
    const actions = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .collect();
    return await Promise.all(
      actions.map(async (action) => actionView(action, await sealedHeaderNames(ctx, action._id))),
    );
  },
});

export const get = adminQuery({
  args: { actionId: v.id("agentActions") },
  returns: vActionView,
  handler: async (ctx, { actionId }) => {
    const action = await requireAction(ctx, ctx.member.organizationId, actionId);
    return actionView(action, await sealedHeaderNames(ctx, action._id));
  },
});

async function networkOf(ctx: MutationCtx, organizationId: Id<"organizations">) {
  return (await ctx.db.get(organizationId))?.networkAccess ?? "public_internet";
}

async function requireFreeName(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  name: string,
  except?: Id<"agentActions">,
) {
  const same = await ctx.db
    .query("agentActions")
    .withIndex("by_organizationId_and_name", (q) => q.eq("organizationId", organizationId).eq("name", name))
    .first();
  if (same !== null && same._id !== except)
    throw appError("invalid_input", `An action named "${name}" exists already.`, {
      fields: [{ field: "name", message: "Choose another name." }],
    });
}

export const create = adminMutation({
  args: actionDefinitionFields,
  returns: v.id("agentActions"),
  handler: async (ctx, input) => {
    const organizationId = ctx.member.organizationId;
    const definition = validateDefinition(input, await networkOf(ctx, organizationId));
    await requireFreeName(ctx, organizationId, definition.name);
    const count = await ctx.db
      .query("agentActions")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .take(MAX_ACTIONS);
    if (count.length >= MAX_ACTIONS)
      throw appError("invalid_input", `An organization can have at most ${MAX_ACTIONS} actions.`);
    const actionId = await ctx.db.insert("agentActions", {
      ...definition,
      headers: storedHeaders(definition),
      organizationId,
      updatedAt: Date.now(),
      updatedBy: ctx.member.userId,
    });
    await saveHeaders(ctx, (await ctx.db.get(actionId))!, definition.headers);
    await auditAction(ctx, {
      organizationId,
      actor: { kind: "member", userId: ctx.member.userId },
      operation: "action_definition",
      action: definition.name,
      detail: `created (${definition.kind}, ${definition.method}, gate ${definition.gate.kind})`,
    });
    return actionId;
  },
});

export const update = adminMutation({
  args: { actionId: v.id("agentActions"), ...actionDefinitionFields },
  returns: vActionView,
  handler: async (ctx, { actionId, ...input }) => {
    const organizationId = ctx.member.organizationId;
    const action = await requireAction(ctx, organizationId, actionId);
    const definition = validateDefinition(input, await networkOf(ctx, organizationId));
    await requireFreeName(ctx, organizationId, definition.name, action._id);
    await saveHeaders(ctx, action, definition.headers);
    await ctx.db.replace(action._id, {
      ...definition,
      headers: storedHeaders(definition),
      organizationId,
      updatedAt: Date.now(),
      updatedBy: ctx.member.userId,
    });
    await auditAction(ctx, {
      organizationId,
      actor: { kind: "member", userId: ctx.member.userId },
      operation: "action_definition",
      action: definition.name,
      detail: `updated (${definition.enabled ? "enabled" : "disabled"}, gate ${definition.gate.kind})`,
    });
    return actionView((await ctx.db.get(action._id))!, await sealedHeaderNames(ctx, action._id));
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
