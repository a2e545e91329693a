import type { Connector } from "@answerbase/connectors";
import { z } from "zod";
import { bindNamedLookupArgs } from "./args";
import type { NamedLookupDefinition, NamedLookupParameter } from "./definition";
import { runStatementPage, type StatementPage, type StatementScope } from "../pagedStatement";

/*
 * Named lookups: parameterized SELECTs an admin defines per data source ("order status by order
 * number"). The agent gets each as a tool `lookup_<name>` whose input is the parameters; the offline
 * planner runs the ones a question can fill. Either way the SQL runs like model-written SQL: scoped by
 * `wrapModelSql` to what the viewer may see, paged, through the connector's guard. Plain helpers.
 */

export { bindNamedLookupArgs } from "./args";
export { definitionProblems, type NamedLookupDefinition, type NamedLookupParameter } from "./definition";
export { matchNamedLookups, type NamedLookupMatch } from "./match";

/** The agent's tool for lookup `order_status` is `lookup_order_status`. */
export const NAMED_LOOKUP_TOOL_PREFIX = "lookup_";

/** What a named lookup's rows are shown under, to the model and in the answer's sources. */
export const namedLookupLabel = (name: string) => `${name} (named lookup)`;

function parameterSchema(parameter: NamedLookupParameter): z.ZodType {
  switch (parameter.type) {
    case "text":
      return z.string().min(1).max(500);
    case "integer":
      // Strings too: 64-bit keys beyond 2^53 are only exact as text.
      return z.union([z.number().int(), z.string().regex(/^[+-]?\d{1,19}$/)]);
    case "number":
      return z.union([z.number(), z.string()]);
    case "date":
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD");
    case "boolean":
      return z.boolean();
  }
}

/** The tool input schema of a lookup: one required property per parameter, described for the model. */
export function namedLookupInputSchema(lookup: Pick<NamedLookupDefinition, "parameters">) {
  return z.object(
    Object.fromEntries(lookup.parameters.map((p) => [p.name, parameterSchema(p).describe(p.description)])),
  );
}

export interface NamedLookupRun extends StatementScope {
  lookup: NamedLookupDefinition;
  /** By parameter name; coerced and checked by `bindNamedLookupArgs`. */
  args: Readonly<Record<string, unknown>>;
}

/**
 * Binds the arguments and runs the lookup's SQL as the viewer may see it: customer tables filtered to
 * the verified contact, public tables only for an unverified one, private tables refused by the guard.
 */
export async function runNamedLookup(connector: Connector, run: NamedLookupRun): Promise<StatementPage> {
  const params = bindNamedLookupArgs(run.lookup, run.args);
  return await runStatementPage(connector, {
    sql: run.lookup.sql,
    params,
    catalog: run.catalog,
    policies: run.policies,
    viewer: run.viewer,
    cursorScope: `named:${run.lookup.name}`,
    ...(run.limit === undefined ? {} : { limit: run.limit }),
    ...(run.cursor === undefined ? {} : { cursor: run.cursor }),
    ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
  });
}
