// Each of Convex's limits on local-convex: a function that crosses it gets the deployment's error, one
// just under it passes. Values and texts: src/limits/limit-values.ts.
import type { ConvexHttpClient } from "convex/browser";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./fixture-app/convex/_generated/api.js";
import { startFixture } from "./fixture.ts";
import { LIMITS } from "../src/limits/limit-values.ts";
import type { TestDeployment } from "../src/testing/index.ts";

const MiB = 1024 * 1024;
const ACTION_MS = LIMITS.actionMs;
// Seeding tens of thousands of rows, or burning seconds of CPU, takes a while on a shared machine.
const SLOW = { timeout: 180_000 };
let deployment: TestDeployment | undefined;

async function fresh(): Promise<ConvexHttpClient> {
  deployment = await startFixture();
  return deployment.http();
}

afterEach(async () => {
  await deployment?.stop();
  deployment = undefined;
});

/** Seeds `count` rows in batches a mutation may write. */
async function seed(http: ConvexHttpClient, count: number, bytes = 0) {
  const batch = Math.max(1, Math.min(4000, Math.floor((8 * MiB) / (bytes + 100))));
  for (let from = 0; from < count; from += batch) {
    await http.mutation(api.limits.insertRows, { count: Math.min(batch, count - from), bytes, from });
  }
}

const HELP =
  "Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.";

describe("transaction limits, with the deployment's errors", () => {
  it("documents written: 16,000 pass, 16,001 fail and write nothing", SLOW, async () => {
    const http = await fresh();
    await http.mutation(api.limits.insertRows, { count: 16_000 });
    await expect(http.mutation(api.limits.insertRows, { count: 16_001, from: 16_000 })).rejects.toThrow(
      "Uncaught Error: Too many writes in a single function execution (limit: 16000)",
    );
    expect(await http.query(api.limits.scanRows, { count: 20_000 })).toBe(16_000);
  });

  it("bytes written: 16 MiB in one mutation fail", async () => {
    const http = await fresh();
    await http.mutation(api.limits.insertRows, { count: 15, bytes: MiB - 200 });
    await expect(http.mutation(api.limits.insertRows, { count: 17, bytes: MiB - 200 })).rejects.toThrow(
      "Uncaught Error: Too many bytes written in a single function execution (limit: 16 MiB)",
    );
  });

  it("documents read: 32,000 pass, 32,001 fail", SLOW, async () => {
    const http = await fresh();
    await seed(http, 32_001);
    expect(await http.query(api.limits.scanRows, { count: 32_000 })).toBe(32_000);
    await expect(http.query(api.limits.scanRows, { count: 32_001 })).rejects.toThrow(
      `Uncaught Error: Too many documents read in a single function execution (limit: 32000). ${HELP}`,
    );
  });

  it("bytes read: 16 MiB in one query fail", async () => {
    const http = await fresh();
    await seed(http, 17, MiB - 200);
    expect(await http.query(api.limits.scanRows, { count: 15 })).toBe(15);
    await expect(http.query(api.limits.scanRows, { count: 17 })).rejects.toThrow(
      `Uncaught Error: Too many bytes read in a single function execution (limit: 16777216 bytes). ${HELP}`,
    );
  });

  it("index ranges: 4,096 pass, 4,097 fail", async () => {
    const http = await fresh();
    await seed(http, 10);
    expect(await http.query(api.limits.lookups, { count: 4096 })).toBe(10);
    await expect(http.query(api.limits.lookups, { count: 4097 })).rejects.toThrow(
      `Uncaught Error: Too many reads in a single function execution (limit: 4096). ${HELP}`,
    );
  });

  it("documents a filter scans and drops count as read (stream and page)", async () => {
    const http = await fresh();
    await seed(http, 17, MiB - 200);
    expect(await http.query(api.limits.filterScan, { n: 3 })).toBe(1);
    // 17 rows of ~1 MiB scanned for none returned: a deployment counts what the filter read.
    for (const paginate of [false, true]) {
      await expect(http.query(api.limits.filterScan, { n: -1, paginate })).rejects.toThrow(
        `Uncaught Error: Too many bytes read in a single function execution (limit: 16777216 bytes). ${HELP}`,
      );
    }
  });

  it("a patch reads its document's index range: 4,095 patches pass, 4,096 fail", async () => {
    const http = await fresh();
    await seed(http, 4096);
    await http.mutation(api.limits.patchRows, { count: 4095 });
    await expect(http.mutation(api.limits.patchRows, { count: 4096 })).rejects.toThrow(
      `Uncaught Error: Too many reads in a single function execution (limit: 4096). ${HELP}`,
    );
  });

  it("functions scheduled: 1,000 pass, 1,001 fail", async () => {
    const http = await fresh();
    await http.mutation(api.limits.scheduleMany, { count: 1000, bytes: 1 });
    await expect(http.mutation(api.limits.scheduleMany, { count: 1001, bytes: 1 })).rejects.toThrow(
      "Uncaught Error: Too many functions scheduled by this mutation (limit: 1000)",
    );
  });

  it("scheduled arguments: 16 MiB in total fail", async () => {
    const http = await fresh();
    await http.mutation(api.limits.scheduleMany, { count: 15, bytes: MiB - 100 });
    await expect(http.mutation(api.limits.scheduleMany, { count: 17, bytes: MiB - 100 })).rejects.toThrow(
      "Uncaught Error: Too large total size of the arguments of scheduled functions from this mutation (limit: 16777216 bytes)",
    );
  });
});

describe("document limits", () => {
  it("a document over 1 MiB is refused", async () => {
    const http = await fresh();
    await http.mutation(api.limits.insertDocument, { bytes: MiB - 200 });
    await expect(http.mutation(api.limits.insertDocument, { bytes: MiB + 100 * 1024 })).rejects.toThrow(
      "Uncaught Error: Value is too large (1.1 MiB > maximum size 1 MiB)",
    );
  });

  it("a document nested deeper than 16 levels is refused", async () => {
    const http = await fresh();
    await http.mutation(api.limits.insertDocument, { depth: 15 });
    await expect(http.mutation(api.limits.insertDocument, { depth: 16 })).rejects.toThrow(
      "Uncaught Error: Document is too nested (nested 17 levels deep > maximum nesting 16)",
    );
  });
});

describe("function limits", () => {
  it("a query or mutation past 1 s of user code fails, and the mutation writes nothing", SLOW, async () => {
    const http = await fresh();
    expect(await http.query(api.limits.busyQuery, { ms: 200 })).toBe(0);
    await expect(http.query(api.limits.busyQuery, { ms: 1200 })).rejects.toThrow(
      "Uncaught Error: Function execution timed out (maximum duration: 1s)",
    );
    await expect(http.mutation(api.limits.busyMutation, { ms: 1200 })).rejects.toThrow(
      "Uncaught Error: Function execution timed out (maximum duration: 1s)",
    );
    expect(await http.query(api.limits.scanRows, { count: 10 })).toBe(0);
  });

  it("arguments over 16 MiB fail before the function runs", async () => {
    const http = await fresh();
    expect(await http.mutation(api.limits.echoSize, { payload: "x".repeat(16 * MiB - 100) })).toBe(
      16 * MiB - 100,
    );
    await expect(http.mutation(api.limits.echoSize, { payload: "x".repeat(16 * MiB) })).rejects.toThrow(
      /Uncaught Error: Arguments for limits:echoSize are too large \(actual: 16 MiB, limit: 16 MiB\)/,
    );
  });

  it("a return value over 16 MiB fails", async () => {
    const http = await fresh();
    expect(await http.query(api.limits.bigResult, { bytes: 16 * MiB - 10 })).toHaveLength(16 * MiB - 10);
    await expect(http.query(api.limits.bigResult, { bytes: 16 * MiB })).rejects.toThrow(
      "Uncaught Error: Function limits:bigResult return value is too large (actual: 16 MiB, limit: 16 MiB)",
    );
  });
});

describe("ctx.runQuery / runMutation: arguments and results checked as for a client's call", () => {
  it("a result over 16 MiB from ctx.runQuery fails the action", async () => {
    const http = await fresh();
    expect(await http.action(api.limits.bigResultVia, { bytes: MiB })).toBe(MiB);
    await expect(http.action(api.limits.bigResultVia, { bytes: 16 * MiB })).rejects.toThrow(
      "Uncaught Error: Function limits:bigResult return value is too large (actual: 16 MiB, limit: 16 MiB)",
    );
  });

  it("arguments over 16 MiB to ctx.runMutation fail before the mutation runs", async () => {
    const http = await fresh();
    expect(await http.action(api.limits.echoVia, { bytes: MiB })).toBe(MiB);
    await expect(http.action(api.limits.echoVia, { bytes: 16 * MiB })).rejects.toThrow(
      /Uncaught Error: Arguments for limits:echoSize are too large \(actual: 16 MiB, limit: 16 MiB\)/,
    );
  });
});

describe("action duration (the limit shortened to 300 ms here; 10 minutes otherwise)", () => {
  afterEach(() => {
    (LIMITS as { actionMs: number }).actionMs = ACTION_MS;
  });

  it("the caller gets the timeout, and the action cannot call into Convex after it", async () => {
    const http = await fresh();
    (LIMITS as { actionMs: number }).actionMs = 300;
    expect(await http.action(api.limits.slowIncrement, { ms: 0, name: "in-time" })).toBe(1);
    await expect(http.action(api.limits.slowIncrement, { ms: 600, name: "late" })).rejects.toThrow(
      "Uncaught Error: Function execution timed out (maximum duration: 0.3s)",
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await http.query(api.counters.get, { name: "late" })).toBe(0);
  });
});

describe("LOCAL_CONVEX_LIMITS=relaxed (benches that measure the engine)", () => {
  it("turns the limits off for a deployment started with it", SLOW, async () => {
    process.env.LOCAL_CONVEX_LIMITS = "relaxed";
    try {
      const http = await fresh();
      await http.mutation(api.limits.insertRows, { count: 16_001 });
      expect(await http.query(api.limits.lookups, { count: 4097 })).toBe(4097);
    } finally {
      delete process.env.LOCAL_CONVEX_LIMITS;
    }
  });
});
