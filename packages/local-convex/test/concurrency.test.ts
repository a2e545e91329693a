// Optimistic concurrency (src/engine/occ.ts): mutations run concurrently, a commit whose read set
// meets a write committed since it began is retried as a deployment retries it, and writers that do
// not touch what others read never retry.
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, FIXTURE_DIR, startFixture } from "./fixture.ts";
import { OCC_RETRY } from "../src/engine/occ.ts";
import { convexTestFor } from "../src/testing/index.ts";
import type { TestDeployment } from "../src/testing/index.ts";

let deployment: TestDeployment | undefined;
afterEach(async () => {
  OCC_RETRY.maxRetries = 4;
  await deployment?.stop();
  deployment = undefined;
});

/** Starts `count` calls of counters:increment in the same tick, so their executions overlap. */
function concurrentIncrements(d: TestDeployment, names: string[]) {
  return Promise.all(
    names.map((name) =>
      d.engine.run("mutation", "counters:increment", { name }, null, {
        caller: "client",
      }),
    ),
  );
}

describe("optimistic concurrency", () => {
  it("50 concurrent writers on one document: conflicts are retried and every increment lands", async () => {
    deployment = await startFixture();
    const http = deployment.http();
    await http.mutation(api.counters.increment, { name: "hot", by: 0 });
    const seen: number[] = [];
    const client = deployment.client();
    client.onUpdate(api.counters.get, { name: "hot" }, (value) => seen.push(value));

    const results = await concurrentIncrements(deployment, Array<string>(50).fill("hot"));

    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await http.query(api.counters.get, { name: "hot" })).toBe(50);
    // Each increment returned the value it committed: 1..50, each once.
    const values = results.map((r) => (r.ok ? r.value : null)).sort((a, b) => Number(a) - Number(b));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const stats = deployment.engine.occStats()["counters:increment"];
    expect(stats?.retries).toBeGreaterThan(0);
    expect(stats?.failed).toBe(0);
    expect(stats?.conflicts).toBe(stats?.retries);
    const warnings = deployment.logs
      .history()
      .filter((e) => e.level === "WARN" && e.udfPath === "counters:increment");
    expect(warnings.length).toBe(stats?.conflicts);
    expect(warnings[0]?.message).toMatch(
      /^OCC conflict 1 of this call \(Documents read from or written to the "counters" table/,
    );
    expect(warnings.at(-1)?.message).toContain(
      `(so far: ${stats?.conflicts} conflicts, ${stats?.retries} retries, 0 failed)`,
    );
    // Subscribers saw the commits through to the last one.
    await eventually(
      () => seen.at(-1),
      (last) => last === 50,
    );
  });

  it("writers on different documents (index ranges on one table) never conflict", async () => {
    deployment = await startFixture();
    const names = Array.from({ length: 50 }, (_, i) => `c${i}`);
    await Promise.all(
      names.map((name) => deployment!.http().mutation(api.counters.increment, { name, by: 0 })),
    );

    const results = await concurrentIncrements(deployment, names);

    expect(results.every((r) => r.ok && r.value === 1)).toBe(true);
    expect(deployment.engine.occStats()).toEqual({});
  });

  it("a conflict on the last allowed attempt fails with the deployment's error", async () => {
    deployment = await startFixture();
    await deployment.http().mutation(api.counters.increment, { name: "hot", by: 0 });
    OCC_RETRY.maxRetries = 0;

    const results = await concurrentIncrements(deployment, ["hot", "hot"]);

    const failures = results.filter((r) => !r.ok);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.ok ? "" : failures[0]!.errorMessage).toMatch(
      /Documents read from or written to the "counters" table changed while this mutation was being run and on every subsequent retry\. Another call to this mutation changed the document with ID "[^"]+"\. See https:\/\/docs\.convex\.dev\/error#1/,
    );
    expect(deployment.engine.occStats()["counters:increment"]).toEqual({
      conflicts: 1,
      retries: 0,
      failed: 1,
    });
  });

  it("works the same on convex-test directly (convexTestFor, as the backend's tests use it)", async () => {
    const t = await convexTestFor(FIXTURE_DIR);
    await t.mutation(api.counters.increment, { name: "hot", by: 0 });
    await Promise.all(Array.from({ length: 50 }, () => t.mutation(api.counters.increment, { name: "hot" })));
    expect(await t.query(api.counters.get, { name: "hot" })).toBe(50);
  });
});
