"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { modelSchemaOf, validateDefinition } from "../agentActions/definition";
import { runInsert } from "../agentActions/insert";
import { checkInsertTarget } from "../agentActions/insertCatalog";
import { actionDefinitionFields, vInputValue } from "../agentActions/tables";
import type { InputValue } from "../agentActions/templates";
import { cachedCatalog, withConnector } from "../dataSources/connection";
import { appError } from "../lib/errors";
import { adminAction } from "../lib/functions";
import { loadLookupContext } from "../lookup/context";

/*
 * The Actions page's database insert editor: save (the table, columns and types checked against the
 * live catalog, read through the lookup credential) and "Test" (the INSERT run through the write
 * credential inside a transaction that is rolled back: nothing stays in the database).
 */

/** Creates (no `actionId`) or replaces a `db_insert` action; problems are `invalid_input` with `fields`. */
export const save = adminAction({
  args: { actionId: v.optional(v.id("agentActions")), ...actionDefinitionFields },
  returns: v.id("agentActions"),
  handler: async (ctx, { actionId, ...input }): Promise<Id<"agentActions">> => {
    if (input.kind !== "db_insert")
      throw appError("invalid_input", "Only database insert actions are saved here.", {
        fields: [{ field: "kind", message: "Expected db_insert." }],
      });
    // Field problems first (no database needed); the network only matters to HTTP actions.
    const definition = validateDefinition(input, "public_internet");
    const organizationId = ctx.member.organizationId;
    const lookup = await loadLookupContext(ctx, organizationId);
    const catalog = await withConnector(
      ctx,
      {
        organizationId,
        actor: { kind: "member", userId: ctx.member.userId },
        operation: "list_tables",
        preloaded: lookup.dataSource,
      },
      async (connector) => ({ result: await cachedCatalog(connector) }),
    );
    const insert = checkInsertTarget(definition, catalog, lookup.policies);
    return await ctx.runMutation(internal.system.actionInserts.save, {
      organizationId,
      userId: ctx.member.userId,
      ...(actionId === undefined ? {} : { actionId }),
      definition: { ...definition, insert },
    });
  },
});

/**
 * "Test": the saved action's INSERT with sample inputs (every input, identity ones included, since no
 * conversation is involved) through the write credential, then ROLLBACK. Shows the statement (values as
 * `$n`), the primary key the database returned, or the refusal with its SQLSTATE. Audited as a call.
 */
export const test = adminAction({
  args: { actionId: v.id("agentActions"), sampleInputs: v.record(v.string(), vInputValue) },
  returns: v.union(
    v.object({
      kind: v.literal("rolled_back"),
      statement: v.string(),
      key: v.array(v.object({ field: v.string(), value: vInputValue })),
      durationMs: v.number(),
    }),
    v.object({ kind: v.literal("error"), code: v.string(), message: v.string(), durationMs: v.number() }),
  ),
  handler: async (ctx, { actionId, sampleInputs }) => {
    const loaded = await ctx.runQuery(internal.system.actionRuns.forTest, {
      organizationId: ctx.member.organizationId,
      actionId,
    });
    if (loaded === null || loaded.action.kind !== "db_insert")
      throw appError("not_found", "This database insert action does not exist.");
    const schema = modelSchemaOf(loaded.action.modelInputSchema);
    if ("problem" in schema) throw appError("invalid_config", schema.problem);
    const parsed = schema.schema.safeParse(
      Object.fromEntries(schema.names.filter((n) => n in sampleInputs).map((n) => [n, sampleInputs[n]])),
    );
    if (!parsed.success)
      throw appError(
        "invalid_input",
        `The sample inputs do not fit the model input schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    const values = new Map<string, InputValue>(Object.entries(sampleInputs));
    const outcome = await runInsert(loaded.action, loaded.writeCredential, values, loaded.network, true);
    const durationMs = outcome.kind === "error" ? outcome.durationMs : outcome.row.durationMs;
    await ctx.runMutation(internal.system.actionRuns.auditTest, {
      organizationId: ctx.member.organizationId,
      userId: ctx.member.userId,
      action: loaded.action.name,
      inputs: [...values].map(([name, value]) => ({ name, value, redacted: true })),
      durationMs,
      ...(outcome.kind === "error" ? { errorCode: outcome.code } : {}),
    });
    return outcome.kind === "error"
      ? { kind: "error" as const, code: outcome.code, message: outcome.detail, durationMs }
      : { kind: "rolled_back" as const, statement: outcome.row.statement, key: outcome.fields, durationMs };
  },
});
