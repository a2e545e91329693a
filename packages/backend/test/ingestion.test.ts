// Database rows into the retrieval index through the local cloud: progress, resumption, hashes before
// embeddings, upstream deletes and changes, policies, and search that never crosses customers.
import pg from "pg";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { knowledgeIndex } from "../convex/knowledge/searchIndex.ts";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  type Backend,
  type Caller,
  grantPrivateNetworks,
} from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

const CUSTOMER_PATH = [
  { column: "customer_id", references: { schema: "public", table: "customers", column: "id" } },
];

async function shopWithPolicies(provider = "neon") {
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), {
    EMBEDDING_MODEL: "test",
    INGESTION_BATCH_ROWS: "5",
  });
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  await grantPrivateNetworks(t, organizationId);
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud)[provider]!,
  });
  const setPolicy = (table: string, policy: unknown) =>
    owner.as.mutation(api.private.dataSources.setPolicy, {
      organizationId,
      schema: "public",
      table,
      policy: policy as never,
    });
  await setPolicy("products", { kind: "public" });
  await setPolicy("orders", { kind: "customer", ownerPath: CUSTOMER_PATH, ownerColumn: "email" });
  // customers stays private: never ingested.
  await t.finishInProgressScheduledFunctions();
  return { t, owner, organizationId, setPolicy };
}

/** Starts a job (as the CLI does: the dashboard's start is rate limited) and waits for it to settle. */
async function runJob(t: Backend, as: Caller, organizationId: Id<"organizations">, start = true) {
  if (start) await t.mutation(internal.system.ingestionJobs.start, { organizationId });
  let job;
  for (let i = 0; i < 600; i++) {
    const page = await as.query(api.private.ingestion.list, {
      organizationId,
      paginationOpts: { numItems: 1, cursor: null },
    });
    job = page.page[0]!;
    if (!["running", "queued"].includes(job.status.kind)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`ingestion did not settle: ${JSON.stringify(job)}`);
}

/** Changes the demo database behind the backend's back, as its owners would. */
async function sql(text: string) {
  const client = new pg.Client({ connectionString: cloud.postgres.url });
  await client.connect();
  try {
    return (await client.query<Record<string, string>>(text)).rows;
  } finally {
    await client.end();
  }
}

async function countRows(table: string) {
  return Number((await sql(`SELECT count(*)::text AS n FROM public.${table}`))[0]!.n);
}

describe("ingesting the demo database", () => {
  it("indexes shared tables in batches, re-ingests for free, follows upstream changes", async () => {
    const { t, owner, organizationId } = await shopWithPolicies();
    const stats = knowledgeIndex().entry.stats;
    stats.reset();
    const job = await runJob(t, owner.as, organizationId);
    expect(job.status).toEqual({ kind: "done" });
    const [orders, products] = [await countRows("orders"), await countRows("products")];
    expect(job.tables.map((table) => [table.table, table.rowsRead, table.rowsEmbedded])).toEqual(
      expect.arrayContaining([
        ["orders", orders, orders],
        ["products", products, products],
      ]),
    );
    expect(job.tables.map((table) => table.table).sort()).toEqual(["orders", "products"]); // never customers
    expect(stats.values).toBe(orders + products);

    // Unchanged: zero embedding calls, and no indexed row is written (not even marked as seen).
    const indexedRows = () => t.run((ctx) => ctx.db.query("indexedRows").collect());
    const before = await indexedRows();
    stats.reset();
    const again = await runJob(t, owner.as, organizationId);
    expect(again.status.kind).toBe("done");
    expect(stats.calls).toBe(0);
    expect(await indexedRows()).toEqual(before);
    expect(again.tables.reduce((sum, table) => sum + table.rowsUnchanged, 0)).toBe(orders + products);

    // One changed row is embedded again; one deleted row leaves the index.
    await sql("UPDATE public.orders SET notes = 'Left at the front desk' WHERE order_number = 1001");
    await sql(
      "INSERT INTO public.products (id, sku, name, description, category_id, price, stock, reorder_level, is_active, updated_at) " +
        "VALUES (9901, 'SKU-TMP', 'Temporary Lamp', 'Gone soon', 4, 10, 1, 0, true, now())",
    );
    await runJob(t, owner.as, organizationId);
    await sql("DELETE FROM public.products WHERE id = 9901");
    stats.reset();
    const third = await runJob(t, owner.as, organizationId);
    const byName = new Map(third.tables.map((table) => [table.table, table]));
    expect(byName.get("products")).toMatchObject({ rowsRemoved: 1, rowsEmbedded: 0 });
    expect(byName.get("orders")).toMatchObject({ rowsEmbedded: 0 });
    await sql("UPDATE public.orders SET notes = 'Left with the concierge' WHERE order_number = 1001");
    const fourth = await runJob(t, owner.as, organizationId);
    expect(new Map(fourth.tables.map((table) => [table.table, table.rowsEmbedded])).get("orders")).toBe(1);
    expect(stats.values).toBe(1);
  });
});

describe("search", () => {
  it("a verified contact finds public rows and their own, never another customer's", async () => {
    const { t, owner, organizationId } = await shopWithPolicies();
    await runJob(t, owner.as, organizationId);
    const search = (query: string, verifiedOwnerKey: string | null) =>
      t.action(internal.system.knowledge.search, {
        organizationId,
        query,
        viewer: { kind: "contact", verifiedOwnerKey },
        limit: 50,
      });
    const alice = await search("order 1001 shipped UPS tracking 1Z999AA10123456784", "Alice@Example.com");
    expect(alice.some((hit) => hit.source.kind === "row" && hit.source.key === "public.orders:1")).toBe(true);
    // Built from Bob's own values: nothing of Bob's comes back to Alice.
    for (const query of ["order 1002 delivered Austin 88 Congress Ave", "bob@example.com orders", "1002"]) {
      const hits = await search(query, "alice@example.com");
      const orderKeys = hits.filter(
        (hit) => hit.source.kind === "row" && hit.source.table === "public.orders",
      );
      expect(orderKeys.map((hit) => hit.source.key)).not.toContain("public.orders:2");
      for (const hit of orderKeys) expect(hit.text).toMatch(/customer_id: 1\n/);
    }
    // Unverified: public rows only.
    const anonymous = await search("order 1001 shipped", null);
    expect(
      anonymous.every((hit) => hit.source.kind !== "row" || hit.source.table === "public.products"),
    ).toBe(true);
    // Admin: everything.
    const admin = await owner.as.action(api.private.knowledgeSearch.search, {
      organizationId,
      query: "order_number: 1002 88 Congress Ave Austin",
    });
    expect(admin.some((hit) => hit.source.key === "public.orders:2")).toBe(true);
    // Nothing relevant is a real empty answer.
    expect(await search("zzqx vortex quasar", "alice@example.com")).toEqual([]);
  });

  it("making a table private removes its rows from the index", async () => {
    const { t, owner, organizationId, setPolicy } = await shopWithPolicies();
    await runJob(t, owner.as, organizationId);
    await setPolicy("orders", { kind: "private" });
    await expect
      .poll(
        async () =>
          (await t.run((ctx) => ctx.db.query("indexedRows").collect())).filter(
            (r) => r.table === "public.orders",
          ).length,
      )
      .toBe(0);
    // Its indexed count says so too (a stale count would cost the next ingestion a sweep).
    await expect
      .poll(async () =>
        (await t.run((ctx) => ctx.db.query("indexedTables").collect()))
          .filter((c) => c.table === "public.orders")
          .map((c) => c.rows),
      )
      .toEqual([0]);
    const hits = await owner.as.action(api.private.knowledgeSearch.search, {
      organizationId,
      query: "order 1001 UPS",
    });
    expect(hits.filter((hit) => hit.source.kind === "row" && hit.source.table === "public.orders")).toEqual(
      [],
    );
  });
});

describe("related rows", () => {
  it("names what a row's foreign keys point to, never across scopes", async () => {
    const { t, owner, organizationId, setPolicy } = await shopWithPolicies();
    await setPolicy("product_categories", { kind: "public" });
    await setPolicy("customers", { kind: "customer", ownerPath: [], ownerColumn: "email" });
    await setPolicy("StoreLocations", { kind: "public" });
    // Public on purpose: its rows point to customers, whose names must not reach a public row.
    await setPolicy("appointments", { kind: "public" });
    await t.finishInProgressScheduledFunctions();
    expect((await runJob(t, owner.as, organizationId)).status.kind).toBe("done");
    const textOf = async (query: string, key: string) => {
      const hits = await t.action(internal.system.knowledge.search, {
        organizationId,
        query,
        viewer: { kind: "admin" },
        limit: 50,
      });
      const hit = hits.find((h) => h.source.kind === "row" && h.source.key === key);
      expect(hit, `${key} among the hits for "${query}"`).toBeDefined();
      return hit!.text;
    };
    // A customer's order carries that customer's name (same scope).
    expect(await textOf("order 1001 Alice Johnson", "public.orders:1")).toContain(
      "\ncustomer: Alice Johnson",
    );
    // A public product carries its public category's name.
    const category = (
      await sql(
        "SELECT c.name FROM public.products p JOIN public.product_categories c ON c.id = p.category_id WHERE p.id = 1",
      )
    )[0]!.name!;
    expect(await textOf(`product SKU-101 ${category}`, "public.products:1")).toContain(
      `\ncategory: ${category}`,
    );
    // A public appointment names its public store, never its customer.
    const appointment = await textOf(
      "appointment repair drop-off Brightside Seattle Flagship",
      "public.appointments:6a1f0d2e-9b3c-4c7d-a5e6-000000000001",
    );
    expect(appointment).toContain("\nstore: Brightside Seattle Flagship");
    expect(appointment).not.toMatch(/Alice|customer:/);

    // A renamed customer is a changed text: that customer's orders are embedded again, nothing else.
    const stats = knowledgeIndex().entry.stats;
    stats.reset();
    await sql("UPDATE public.customers SET full_name = 'Alice Johnson-Reyes' WHERE id = 1");
    const again = await runJob(t, owner.as, organizationId);
    const aliceOrders = Number(
      (await sql("SELECT count(*)::text AS n FROM public.orders WHERE customer_id = 1"))[0]!.n,
    );
    const embedded = new Map(again.tables.map((table) => [table.table, table.rowsEmbedded]));
    expect(embedded.get("orders")).toBe(aliceOrders);
    expect(embedded.get("products")).toBe(0);
    expect(await textOf("order 1001 Alice Johnson-Reyes", "public.orders:1")).toContain(
      "customer: Alice Johnson-Reyes",
    );
    await sql("UPDATE public.customers SET full_name = 'Alice Johnson' WHERE id = 1");
  });
});

describe("job control", () => {
  it("pause, resume after a lost step, cancel", async () => {
    const { t, owner, organizationId } = await shopWithPolicies();
    const jobId = await owner.as.mutation(api.private.ingestion.start, { organizationId });
    await owner.as.mutation(api.private.ingestion.pause, { organizationId, jobId });
    await t.finishInProgressScheduledFunctions();
    const paused = await owner.as.query(api.private.ingestion.get, { organizationId, jobId });
    expect(paused.status.kind).toBe("paused");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await owner.as.query(api.private.ingestion.get, { organizationId, jobId })).step).toBe(
      paused.step,
    );

    // A step that died mid-way: the job is running, silent, and nothing is scheduled.
    await t.run((ctx) =>
      ctx.db.patch(jobId, { status: { kind: "running" }, heartbeatAt: Date.now() - 10 * 60_000 }),
    );
    await t.action(internal.system.ingestion.resumeStalled, {});
    const resumed = await runJob(t, owner.as, organizationId, false);
    expect(resumed.status.kind).toBe("done");
    expect(resumed.tables.every((table) => table.phase === "done")).toBe(true);

    const second = await owner.as.mutation(api.private.ingestion.start, { organizationId });
    await owner.as.mutation(api.private.ingestion.cancel, { organizationId, jobId: second });
    expect(
      (await owner.as.query(api.private.ingestion.get, { organizationId, jobId: second })).status.kind,
    ).toBe("cancelled");
    await expect(
      owner.as.mutation(api.private.ingestion.resume, { organizationId, jobId: second }),
    ).rejects.toMatchObject({
      data: { code: "invalid_input" },
    });
  });

  it("a dropped table is a per-table error; a disconnected data source fails the job", async () => {
    const { t, owner, organizationId, setPolicy } = await shopWithPolicies();
    await setPolicy("ghost_table", { kind: "public" });
    const job = await runJob(t, owner.as, organizationId);
    expect(job.status.kind).toBe("done");
    expect(job.recentErrors).toEqual([
      expect.objectContaining({ table: "public.ghost_table", code: "not_found" }),
    ]);

    const jobId = await owner.as.mutation(api.private.ingestion.start, { organizationId });
    await owner.as.mutation(api.private.ingestion.pause, { organizationId, jobId });
    await t.finishInProgressScheduledFunctions();
    expect((await t.run((ctx) => ctx.db.query("indexedRows").collect())).length).toBeGreaterThan(0);
    await owner.as.action(api.private.dataSourceActions.disconnect, { organizationId });
    expect((await owner.as.query(api.private.ingestion.get, { organizationId, jobId })).status).toMatchObject(
      {
        kind: "failed",
        error: { code: "not_configured" },
      },
    );
    // Nothing read from the disconnected database stays in the index.
    await expect
      .poll(async () => (await t.run((ctx) => ctx.db.query("indexedRows").collect())).length)
      .toBe(0);
    const hits = await t.action(internal.system.knowledge.search, {
      organizationId,
      query: "order 1001 UPS",
      viewer: { kind: "admin" },
    });
    expect(hits).toEqual([]);
  });
});
