// What a lookup reads from Convex before it reaches the organization's database: one query
// (system/lookupContext:load) where it used to take three (the data source, its policies, the named
// lookups), and none at all for the second and later tool calls of a turn.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { getFunctionName, type FunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Id } from "../convex/_generated/dataModel";
import type { ActionCtx } from "../convex/_generated/server";
import { gatherAnswerSources } from "../convex/agent/answerSources.ts";
import { loadLookupContext } from "../convex/lookup/context.ts";
import { runModelSqlForAgent } from "../convex/lookup/agentStatements.ts";
import { deploymentEnv, seedDemo, startBackend, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId } = await seedDemo(t, cloud));
});
afterAll(() => cloud?.stop());

const viewer = { kind: "contact" as const, verifiedOwnerKey: "alice@example.com" };
const actor = { kind: "system" as const, name: "test" };

/**
 * Runs `work` in an action whose `runQuery` records the backend's own queries (components such as
 * the knowledge index are not counted: they are the knowledge-base side, not the database's).
 */
async function countingQueries<T>(work: (ctx: ActionCtx) => Promise<T>) {
  const queries: string[] = [];
  const result = await t.action(async (ctx) => {
    const runQuery = ((reference: FunctionReference<"query", "internal">, args: unknown) => {
      let name: string | null = null;
      try {
        name = getFunctionName(reference);
      } catch {
        // A component's function reference has no name in this app's API: not ours to count.
      }
      if (name !== null && /^(system|private|public)\//.test(name)) queries.push(name);
      return ctx.runQuery(reference, args);
    }) as ActionCtx["runQuery"];
    return await work({ ...(ctx as unknown as ActionCtx), runQuery });
  });
  return { result, queries };
}

describe("a lookup's reads before the database", () => {
  it("one query (data source, policies and named lookups together), and the customer's rows come back", async () => {
    const { result, queries } = await countingQueries((ctx) =>
      gatherAnswerSources(ctx, { organizationId, question: "where is my order #1001?", viewer, actor }),
    );
    expect(result.result.source).toBe("database");
    expect(queries).toEqual(["system/lookupContext:load"]);
  });

  it("a turn loads the context once: its lookup and model SQL read nothing more from Convex", async () => {
    const { result, queries } = await countingQueries(async (ctx) => {
      const context = await loadLookupContext(ctx, organizationId);
      const sources = await gatherAnswerSources(ctx, {
        organizationId,
        question: "where is my order #1001?",
        viewer,
        actor,
        context,
      });
      const rows = await runModelSqlForAgent(ctx, {
        organizationId,
        viewer,
        actor,
        context,
        sql: "SELECT order_number FROM public.orders",
      });
      return { sources, rows };
    });
    expect(result.sources.result.source).toBe("database");
    // Scoped to Alice by the context's policies: her orders only, 1001 among them.
    expect(result.rows.rows.flat().map(String)).toContain("1001");
    expect(queries).toEqual(["system/lookupContext:load"]);
  });
});
