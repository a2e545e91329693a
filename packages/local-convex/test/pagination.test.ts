import type { PaginationResult } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDeployment } from "../src/testing/index.ts";
import type { Doc } from "./fixture-app/convex/_generated/dataModel.js";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, startFixture } from "./fixture.ts";

let d: TestDeployment;
beforeAll(async () => {
  d = await startFixture();
});
afterAll(() => d.stop());

type Page = PaginationResult<Doc<"messages">>;

describe("paginated queries (what usePaginatedQuery subscribes to)", () => {
  it("keeps page boundaries fixed under concurrent inserts: no gaps, no duplicates", async () => {
    const client = d.client();
    const channel = "feed";
    for (let i = 0; i < 6; i++)
      await client.mutation(api.messages.send, { channel, author: "a", body: `m${i}` });

    // Page 1, then page 2 from page 1's continueCursor, as usePaginatedQuery does (newest first).
    let page1: Page | undefined;
    let page2: Page | undefined;
    client.onUpdate(
      api.messages.page,
      { channel, paginationOpts: { numItems: 3, cursor: null, id: 1 } },
      (p) => (page1 = p),
    );
    await eventually(
      () => page1,
      (p) => p !== undefined,
    );
    client.onUpdate(
      api.messages.page,
      { channel, paginationOpts: { numItems: 3, cursor: page1!.continueCursor, id: 2 } },
      (p) => (page2 = p),
    );
    await eventually(
      () => page2,
      (p) => p !== undefined,
    );
    expect(page1!.page.map((m) => m.body)).toEqual(["m5", "m4", "m3"]);
    expect(page2!.page.map((m) => m.body)).toEqual(["m2", "m1", "m0"]);

    // Concurrent inserts from several clients land in the first page.
    const writers = [d.client(), d.client(), d.client()];
    await Promise.all(
      writers.map((w, i) => w.mutation(api.messages.send, { channel, author: "w", body: `n${i}` })),
    );
    await eventually(
      () => page1!.page.length,
      (n) => n === 6,
    );

    const shown = [...page1!.page, ...page2!.page].map((m) => m.body);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.slice(3)).toEqual(["m5", "m4", "m3", "m2", "m1", "m0"]);
    expect(new Set(shown.slice(0, 3))).toEqual(new Set(["n0", "n1", "n2"]));
    expect(page2!.page.map((m) => m.body)).toEqual(["m2", "m1", "m0"]);
  });
});
