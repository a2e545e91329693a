"use node";

import { internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import type { ActionCtx } from "../../_generated/server";
import { explainRefusal } from "../agentStatements";
import { loadLookupContext } from "../context";
import { cachedCatalog, withConnector, type Actor } from "../../dataSources/connection";
import { appError, isAppError } from "../../lib/errors";
import type { Viewer } from "../../access/viewer";
import { pagedStatement, STATEMENT_TIMEOUT_MS } from "../pagedStatement";
import { definitionProblems, namedLookupLabel, type NamedLookupDefinition } from "./run";

/*
 * Saving a named lookup: the checks that need no database, then the SQL as a verified contact would
 * run it (scoped by wrapModelSql, with LIMIT 0 around it and every parameter NULL) through the
 * connector's guard and the server's own parser against the live catalog. A verified contact is the
 * widest view a lookup ever runs with for a visitor, so a lookup that reads a private table, or that
 * cannot be scoped, is refused now rather than failing for every customer later. Node only.
 */

/** Owner key for the check only: LIMIT 0 returns no row whoever it names. */
const CHECK_VIEWER: Viewer = { kind: "contact", verifiedOwnerKey: "named-lookup-check@answerbase.invalid" };

function sqlProblem(message: string) {
  return appError("invalid_input", `The SQL was refused: ${message}`, {
    fields: [{ field: "sql", message }],
  });
}

async function checkAgainstCatalog(
  ctx: ActionCtx,
  acting: { organizationId: Id<"organizations">; actor: Actor },
  definition: NamedLookupDefinition,
): Promise<Id<"dataSources">> {
  return await withConnector(
    ctx,
    { ...acting, operation: "lookup", table: namedLookupLabel(definition.name), rateLimit: "previewRows" },
    async (connector, dataSource) => {
      const [catalog, { policies }] = await Promise.all([
        cachedCatalog(connector),
        loadLookupContext(ctx, acting.organizationId),
      ]);
      try {
        const select = pagedStatement(
          {
            sql: definition.sql,
            params: definition.parameters.map(() => null),
            catalog,
            policies,
            viewer: CHECK_VIEWER,
            cursorScope: `named:${definition.name}`,
          },
          { limit: 0, offset: 0 },
        );
        await connector.query(select.sql, select.params, {
          timeoutMs: STATEMENT_TIMEOUT_MS,
          maxRows: 1,
          allowedTables: select.allowedTables,
        });
      } catch (error) {
        const explained = explainRefusal(error, CHECK_VIEWER);
        if (isAppError(explained) && ["invalid_input", "forbidden"].includes(explained.data.code)) {
          throw sqlProblem(explained.data.message);
        }
        throw explained;
      }
      return { result: dataSource.dataSourceId, rowCount: 0 };
    },
  );
}

/** Checks `definition` field by field, then against the database, then stores it; returns its id. */
export async function saveNamedLookup(
  ctx: ActionCtx,
  request: {
    organizationId: Id<"organizations">;
    userId: Id<"users">;
    actor: Actor;
    lookupId?: Id<"namedLookups">;
    definition: NamedLookupDefinition;
  },
): Promise<Id<"namedLookups">> {
  const definition = { ...request.definition, description: request.definition.description.trim() };
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field} ${p.message}`).join("; ");
    throw appError("invalid_input", `This named lookup cannot be saved: ${list}.`, { fields: problems });
  }
  const existing = await ctx.runQuery(internal.system.namedLookups.byName, {
    organizationId: request.organizationId,
    name: definition.name,
  });
  if (existing !== null && existing.lookupId !== request.lookupId) {
    throw appError("invalid_input", `A named lookup called ${definition.name} already exists.`, {
      fields: [{ field: "name", message: "is already used by another named lookup" }],
    });
  }
  const dataSourceId = await checkAgainstCatalog(ctx, request, definition);
  return await ctx.runMutation(internal.system.namedLookups.record, {
    organizationId: request.organizationId,
    dataSourceId,
    userId: request.userId,
    ...(request.lookupId === undefined ? {} : { lookupId: request.lookupId }),
    definition,
  });
}
