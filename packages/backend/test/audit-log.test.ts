// The audit page's filters: by operation, by outcome or both, newest first, through the whole log (not
// only the entries already read), and only the caller's organization.
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { createUser, startBackend, type Backend } from "./support/backend.ts";

type Event = Pick<Doc<"auditEvents">, "operation" | "outcome">;
type Filters = { operation?: Event["operation"]; outcome?: "ok" | "error" };

let t: Backend;
let owner: Awaited<ReturnType<typeof createUser>>;
let shop: Id<"organizations">;
let rivalShop: Id<"organizations">;

const ok = { kind: "ok" } as const;
const failed = (code: string) => ({ kind: "error", code }) as const;

async function record(organizationId: Id<"organizations">, event: Event, table = "public.orders") {
  await t.run((ctx) =>
    ctx.db.insert("auditEvents", {
      organizationId,
      actor: { kind: "system", name: "test" },
      table,
      durationMs: 3,
      ...event,
    }),
  );
}

/** Every entry the filters give, read two at a time the way "Load more" does, newest first. */
async function readAll(filters: Filters = {}): Promise<Doc<"auditEvents">[]> {
  const all: Doc<"auditEvents">[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: { page: Doc<"auditEvents">[]; isDone: boolean; continueCursor: string } =
      await owner.as.query(api.private.auditLog.list, {
        organizationId: shop,
        paginationOpts: { numItems: 2, cursor },
        ...filters,
      });
    all.push(...page.page);
    if (page.isDone) return all;
    cursor = page.continueCursor;
  }
}

beforeAll(async () => {
  t = await startBackend();
  owner = await createUser(t, "owner@shop.test");
  shop = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  const rival = await createUser(t, "owner@rival.test");
  rivalShop = await rival.as.mutation(api.private.organizations.create, { name: "Rival" });

  // Oldest first: two failed lookups, far behind 30 successful table listings.
  await record(shop, { operation: "lookup", outcome: failed("timeout") }, "old-1");
  await record(shop, { operation: "test_connection", outcome: failed("network") }, "old-2");
  await record(shop, { operation: "lookup", outcome: failed("timeout") }, "old-3");
  await record(rivalShop, { operation: "lookup", outcome: failed("timeout") }, "rival");
  for (let i = 0; i < 30; i++) await record(shop, { operation: "list_tables", outcome: ok }, `new-${i}`);
  await record(shop, { operation: "lookup", outcome: ok }, "newest");
});

describe("the audit log's filters", () => {
  it("without filters: every entry of the organization, newest first", async () => {
    const tables = (await readAll()).map((e) => e.table);
    expect(tables).toHaveLength(34);
    expect(tables[0]).toBe("newest");
    expect(tables.slice(-3)).toEqual(["old-3", "old-2", "old-1"]);
    expect(tables).not.toContain("rival");
  });

  it("by outcome: the old failures, behind a full page of successes", async () => {
    expect((await readAll({ outcome: "error" })).map((e) => e.table)).toEqual(["old-3", "old-2", "old-1"]);
    expect(await readAll({ outcome: "ok" })).toHaveLength(31);
  });

  it("by operation, and by operation and outcome together", async () => {
    expect((await readAll({ operation: "lookup" })).map((e) => e.table)).toEqual([
      "newest",
      "old-3",
      "old-1",
    ]);
    expect((await readAll({ operation: "lookup", outcome: "error" })).map((e) => e.table)).toEqual([
      "old-3",
      "old-1",
    ]);
    expect(await readAll({ operation: "ingest" })).toEqual([]);
  });

  it("refuses an operation it does not know", async () => {
    await expect(
      owner.as.query(api.private.auditLog.list, {
        organizationId: shop,
        paginationOpts: { numItems: 2, cursor: null },
        operation: "drop_everything" as Event["operation"],
      }),
    ).rejects.toThrow(/drop_everything/);
  });
});
