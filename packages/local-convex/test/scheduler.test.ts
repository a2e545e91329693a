import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDeployment } from "../src/testing/index.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, startFixture } from "./fixture.ts";

let d: TestDeployment;
beforeAll(async () => {
  d = await startFixture({ crons: true });
});
afterAll(() => d.stop());

describe("scheduler and crons", () => {
  it("runs a scheduled function by itself and updates subscribers", async () => {
    const client = d.client();
    const values: number[] = [];
    client.onUpdate(api.counters.get, { name: "later" }, (v) => values.push(v));
    await eventually(
      () => values.length,
      (n) => n === 1,
    );
    const scheduledAt = Date.now();
    await client.mutation(api.counters.incrementLater, { name: "later", delayMs: 300 });
    await eventually(
      () => values.at(-1),
      (v) => v === 1,
    );
    expect(Date.now() - scheduledAt).toBeGreaterThanOrEqual(250);
  });

  it("runs crons.ts jobs on their schedule (every second in the fixture)", async () => {
    const client = d.client();
    const values: number[] = [];
    client.onUpdate(api.counters.get, { name: "cron" }, (v) => values.push(v));
    const start =
      (await eventually(
        () => values.at(-1),
        (v) => v !== undefined,
      )) ?? 0;
    await eventually(
      () => values.at(-1) ?? 0,
      (v) => v >= start + 2,
      5000,
    );
  });
});
