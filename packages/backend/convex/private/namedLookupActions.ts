"use node";

import { v } from "convex/values";
import { vNamedLookupDefinition } from "../dataSources/tables";
import { runNamedLookupForAgent, vAgentRows } from "../lookup/agentStatements";
import { adminAction } from "../lib/functions";
import type { Viewer } from "../access/viewer";
import { saveNamedLookup } from "../lookup/named/save";

/* The Named lookups page's actions: save (checked against the live catalog) and try it. Node: drivers. */

/**
 * Creates (no `lookupId`) or replaces a named lookup. Every problem is `invalid_input` with `fields`
 * (`name`, `description`, `parameters.0.name`, `sql`, ...); the SQL must pass the connector's guard as
 * a verified contact would run it.
 */
export const save = adminAction({
  args: { lookupId: v.optional(v.id("namedLookups")), definition: vNamedLookupDefinition },
  returns: v.id("namedLookups"),
  handler: (ctx, { lookupId, definition }) =>
    saveNamedLookup(ctx, {
      organizationId: ctx.member.organizationId,
      userId: ctx.member.userId,
      actor: { kind: "member", userId: ctx.member.userId },
      ...(lookupId === undefined ? {} : { lookupId }),
      definition,
    }),
});

/**
 * Runs a saved lookup exactly as the agent would: as the admin (no `asContact`), as a verified contact
 * with that e-mail (`{email}`), or as an unverified visitor (`null`).
 */
export const tryIt = adminAction({
  args: {
    name: v.string(),
    args: v.record(v.string(), v.union(v.string(), v.number(), v.boolean())),
    asContact: v.optional(v.union(v.null(), v.object({ email: v.string() }))),
    limit: v.optional(v.number()),
    cursor: v.optional(v.union(v.string(), v.null())),
  },
  returns: vAgentRows.omit("table"),
  handler: async (ctx, { name, args, asContact, limit, cursor }) => {
    const viewer: Viewer =
      asContact === undefined
        ? { kind: "admin" }
        : { kind: "contact", verifiedOwnerKey: asContact === null ? null : asContact.email };
    // The dashboard shows the lookup's own name; the label is for the model.
    const { table: _label, ...page } = await runNamedLookupForAgent(ctx, {
      organizationId: ctx.member.organizationId,
      actor: { kind: "member", userId: ctx.member.userId },
      viewer,
      name,
      args,
      ...(limit === undefined ? {} : { limit }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    return page;
  },
});
