import { internal } from "../_generated/api";
import { sqlProblemFromAppError } from "./problem";
import { json, route, type ApiReply, type ApiRoute } from "./route";
import { askBodySchema, askResponseSchema, sqlBodySchema, sqlResponseSchema } from "./sqlSchemas";

/*
 * `POST /v1/sql` and `POST /v1/ask`: the dashboard's SQL console for a key with the `sql` scope (an
 * admin's power: every table, every row). The same path as the console's Run (guard, read-only
 * transaction, 30 s timeout, 500-row cap, the console's rate limit, an audit entry per statement).
 */

export const sqlRoutes: ApiRoute<never, never>[] = [
  route({
    method: "POST",
    path: "/v1/sql",
    operationId: "runSql",
    summary: "Run one read-only SELECT over the organization's database, one page at a time",
    description:
      "The SQL console's Run: the read-only guard (one SELECT, allow-listed functions), a read-only transaction with a 30 s statement timeout, pages of 50, 100 or 500 rows. A refused statement is 422 `rejected_sql` with the guard's reason; the database's error is 422 `sql_error` with its message, SQLSTATE and position.",
    scope: "sql",
    body: sqlBodySchema,
    response: sqlResponseSchema,
    problemOf: sqlProblemFromAppError,
    async handle({ ctx, caller, body }): Promise<ApiReply> {
      const page = await ctx.runAction(internal.system.sqlApi.run, {
        caller,
        sql: body.sql,
        params: body.params,
        page: body.page,
        pageSize: body.pageSize,
      });
      return json(page);
    },
  }),
  route({
    method: "POST",
    path: "/v1/ask",
    operationId: "ask",
    summary:
      "A question in English: SQL written by the provider model, run like /v1/sql, answered in a sentence",
    description:
      "Needs a provider language model (LANGUAGE_MODEL); with the offline model it is 409 `provider_model_required`. The model sees the catalog without hidden columns; its statement runs through the same guard as `POST /v1/sql` (a refused one is 422 `rejected_sql` with `sql` showing what it wrote), and the first page's rows are answered in one sentence.",
    scope: "sql",
    body: askBodySchema,
    response: askResponseSchema,
    problemOf: sqlProblemFromAppError,
    async handle({ ctx, caller, body }): Promise<ApiReply> {
      const asked = await ctx.runAction(internal.system.sqlApi.ask, {
        caller,
        question: body.question,
        pageSize: body.pageSize,
      });
      return json({
        sql: asked.sql,
        ...asked.page,
        answer: asked.answer,
        model: asked.modelId,
        withheldColumns: asked.withheldColumns,
      });
    },
  }),
];
