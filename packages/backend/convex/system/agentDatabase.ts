"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { vViewer } from "../access/viewer";
import { runModelSqlForAgent, runNamedLookupForAgent, vAgentRows } from "../lookup/agentStatements";

/*
 * What the agent's named-lookup and model-SQL tools return, for operators, the eval harness and tests:
 * `npx convex run system/agentDatabase:modelSql '{"organizationId":"...","sql":"SELECT * FROM orders",
 * "viewer":{"kind":"contact","verifiedOwnerKey":"alice@example.com"}}'`.
 */

const paging = { limit: v.optional(v.number()), cursor: v.optional(v.union(v.string(), v.null())) };
const actor = { kind: "system" as const, name: "cli" };

export const modelSql = internalAction({
  args: { organizationId: v.id("organizations"), sql: v.string(), viewer: vViewer, ...paging },
  returns: vAgentRows,
  handler: (ctx, args) => runModelSqlForAgent(ctx, { ...args, actor }),
});

export const namedLookup = internalAction({
  args: {
    organizationId: v.id("organizations"),
    name: v.string(),
    args: v.record(v.string(), v.union(v.string(), v.number(), v.boolean())),
    viewer: vViewer,
    ...paging,
  },
  returns: vAgentRows,
  handler: (ctx, args) => runNamedLookupForAgent(ctx, { ...args, actor }),
});
