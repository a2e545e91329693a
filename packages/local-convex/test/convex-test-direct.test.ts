// The same behaviours straight on convex-test (no server, no protocol), so a failure here points at the
// fixture or the engine, and a failure only in the server tests points at local-convex.
import path from "node:path";
import { convexTest } from "convex-test";
import { describe, expect, it } from "vitest";
import { resolveComponentDir, type ComponentNode } from "../src/components/component-tree.ts";
import { loadSchema, moduleMap } from "../src/engine/modules.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { FIXTURE_COMPONENTS } from "./fixture-app/components.ts";
import { FIXTURE_DIR } from "./fixture.ts";

async function fixtureOnConvexTest() {
  const t = convexTest({
    schema: (await loadSchema(FIXTURE_DIR)) ?? undefined,
    modules: moduleMap(FIXTURE_DIR),
  });
  const register = async (nodes: ComponentNode[], from: string, prefix: string) => {
    for (const node of nodes) {
      const dir = resolveComponentDir(node.packageName, from);
      const name = prefix ? `${prefix}/${node.name}` : node.name;
      t.registerComponent(name, (await loadSchema(dir)) as never, moduleMap(dir));
      await register(node.children, path.join(dir, "convex.config.js"), name);
    }
  };
  await register(FIXTURE_COMPONENTS, path.join(FIXTURE_DIR, "convex.config.ts"), "");
  return t;
}

describe("the fixture on convex-test directly", () => {
  it("mutations and queries", async () => {
    const t = await fixtureOnConvexTest();
    await t.mutation(api.messages.send, { channel: "c", author: "a", body: "hi" });
    expect((await t.query(api.messages.list, { channel: "c" })).map((m) => m.body)).toEqual(["hi"]);
  });

  it("scheduled functions", async () => {
    const t = await fixtureOnConvexTest();
    await t.mutation(api.counters.incrementLater, { name: "later", delayMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.finishInProgressScheduledFunctions();
    expect(await t.query(api.counters.get, { name: "later" })).toBe(1);
  });

  it("rag add + search and an agent thread with a tool call", async () => {
    const t = await fixtureOnConvexTest();
    await t.action(api.rag.add, { namespace: "n", key: "ship", text: "Shipping to Germany takes five days" });
    expect((await t.action(api.rag.search, { namespace: "n", query: "shipping days" })).keys).toEqual([
      "ship",
    ]);
    const answer = await t.action(api.agent.ask, { prompt: "Where is order 7?" });
    expect(answer.toolCalls).toEqual(["lookupOrder"]);
  });
});
