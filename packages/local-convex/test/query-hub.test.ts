// Reactivity while transactions overlap (optimistic concurrency): a commit that lands while a
// subscription's query is being evaluated must still reach that subscription.
import type { Value } from "convex/values";
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../src/engine/engine.ts";
import { QueryHub } from "../src/sync/query-hub.ts";
import type { TestDeployment } from "../src/testing/index.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, startFixture } from "./fixture.ts";

let deployment: TestDeployment | undefined;
afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

type Message = { body: string };

/**
 * The deployment's engine, except that once, after a query's execution has finished reading (its
 * transaction has ended) and before the hub gets its result, `commit` runs: the window in which a
 * concurrent mutation's commit lands when transactions overlap.
 */
function engineCommittingAfterQuery(engine: Engine, commit: () => Promise<unknown>): Engine {
  const delayed = Object.create(engine) as Engine;
  let pending: (() => Promise<unknown>) | null = commit;
  delayed.run = async (...call: Parameters<Engine["run"]>) => {
    const result = await engine.run(...call);
    const now = pending;
    pending = null;
    if (call[0] === "query" && now !== null) await now();
    return result;
  };
  return delayed;
}

describe("QueryHub with overlapping transactions", () => {
  it("re-runs a query whose first execution missed a commit that landed before the hub had its result", async () => {
    deployment = await startFixture();
    const engine = deployment.engine;
    let sentCommitTs: bigint | undefined;
    const hub = new QueryHub(
      engineCommittingAfterQuery(engine, async () => {
        const sent = await engine.run(
          "mutation",
          "messages:send",
          { channel: "window", author: "a", body: "committed meanwhile" },
          null,
          { caller: "client" },
        );
        sentCommitTs = sent.ok ? sent.commitTs : undefined;
      }),
    );
    const transitions: bigint[] = [];
    hub.addSink({ sendTransition: (ts) => void transitions.push(ts) });

    const instance = hub.acquire("messages:list", { channel: "window" }, null, null);
    await hub.flush();

    expect(sentCommitTs).toBeDefined();
    // Every transition at or after the commit carries a result that includes it.
    expect(transitions.at(-1)).toBeGreaterThanOrEqual(sentCommitTs!);
    expect(instance.result?.ok).toBe(true);
    const rows = (instance.result?.ok ? instance.result.value : []) as Value[] as Message[];
    expect(rows.map((row) => row.body)).toEqual(["committed meanwhile"]);
  });

  it("a subscription sees a mutation started with its first execution, while scheduled mutations commit", async () => {
    deployment = await startFixture();
    const engine = deployment.engine;
    // Background commits on another table, as the demo's scheduled ingestion makes in `pnpm dev`.
    for (let i = 0; i < 20; i++) {
      await deployment.http().mutation(api.counters.incrementLater, { name: "background", delayMs: i * 10 });
    }
    const hub = new QueryHub(engine);
    const missed: number[] = [];
    // The mutation starts 0..39 microtasks after the subscription's evaluation: in `pnpm dev` both were
    // released by the same event (the token check), and the commit landed just after the query read.
    for (let offset = 0; offset < 40; offset++) {
      const channel = `together-${offset}`;
      const instance = hub.acquire("messages:list", { channel }, null, null);
      const evaluated = hub.flush();
      const sent = (async () => {
        for (let i = 0; i < offset; i++) await Promise.resolve();
        return engine.run("mutation", "messages:send", { channel, author: "a", body: channel }, null, {
          caller: "client",
        });
      })();
      const [, result] = await Promise.all([evaluated, sent]);
      expect(result.ok).toBe(true);
      // The session's view once the mutation's commit has been handled (an HTTP write awaits this).
      await hub.flush();
      const rows = (instance.result?.ok ? instance.result.value : []) as Value[] as Message[];
      if (rows.length !== 1) missed.push(offset);
    }
    expect(missed).toEqual([]);
    await eventually(
      () => engine.core.dbState("").documents,
      (documents) => Object.values(documents).some((doc) => doc.name === "background" && doc.value === 20),
    );
  });
});
