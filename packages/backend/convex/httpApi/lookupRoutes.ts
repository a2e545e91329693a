import { internal } from "../_generated/api";
import { json, route, type ApiReply, type ApiRoute } from "./route";
import { lookupsBodySchema, lookupsResponseSchema, toolsQuerySchema, toolsResponseSchema } from "./schemas";
import { inFormat, toolDefinitions } from "./toolDefinitions";

/* `POST /v1/lookups` (the lookup tool's result alone) and `GET /v1/tools` (it and the named lookups as tools). */

export const lookupRoutes: ApiRoute<never, never>[] = [
  route({
    method: "POST",
    path: "/v1/lookups",
    operationId: "lookup",
    summary: "Run the scoped lookup (or a named lookup) for a customer",
    description:
      "What the support agent's `lookup` tool returns for a question — rows, else knowledge-base passages, else none — scoped to the customer exactly as in the widget. With `lookup` and `args` instead: one named lookup.",
    scope: "lookups",
    body: lookupsBodySchema,
    response: lookupsResponseSchema,
    async handle({ ctx, caller, body, receivedAt }): Promise<ApiReply> {
      const viewer = await ctx.runQuery(internal.system.apiConversations.viewerFor, {
        organizationId: caller.organizationId,
        mayAssert: caller.scopes.includes("customers:assert"),
        ...(body.customer === undefined ? {} : { customer: body.customer }),
      });
      const base = { organizationId: caller.organizationId, viewer, prefix: caller.prefix };
      if (body.question !== undefined) {
        const found = await ctx.runAction(internal.system.apiAnswers.lookup, {
          ...base,
          question: body.question,
        });
        return json({
          result: found.result,
          timings: {
            totalMs: Date.now() - receivedAt,
            database: found.database,
            knowledgeBase: found.knowledgeBase,
          },
          nextCursor: null,
        });
      }
      const rows = await ctx.runAction(internal.system.apiAnswers.namedLookup, {
        ...base,
        name: body.lookup ?? "",
        args: body.args ?? {},
        cursor: body.cursor ?? null,
      });
      return json({
        result:
          rows.rowCount === 0
            ? { source: "none" }
            : {
                source: "database",
                rows: [
                  { table: rows.table, columns: rows.columns, rows: rows.rows, truncated: rows.truncated },
                ],
              },
        timings: {
          totalMs: Date.now() - receivedAt,
          database: { ms: rows.durationMs, outcome: rows.rowCount === 0 ? "empty" : "ok" },
          knowledgeBase: null,
        },
        nextCursor: rows.nextCursor,
      });
    },
  }),
  route({
    method: "GET",
    path: "/v1/tools",
    operationId: "listTools",
    summary: "The lookup and every named lookup as function-calling tool definitions",
    scope: "lookups",
    query: toolsQuerySchema,
    response: toolsResponseSchema,
    async handle({ ctx, caller, query }): Promise<ApiReply> {
      const named = await ctx.runQuery(internal.system.namedLookups.forOrganization, {
        organizationId: caller.organizationId,
      });
      return json({
        format: query.format,
        tools: toolDefinitions(named).map((tool) => inFormat(tool, query.format)),
        call: 'POST /v1/lookups with {"question": …} for `lookup`, or {"lookup": "<name without lookup_>", "args": {…}} for `lookup_<name>`; add "customer" to speak for a customer.',
      });
    },
  }),
];
