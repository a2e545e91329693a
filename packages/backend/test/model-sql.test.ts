// SQL written by the model, run by the agent's tool helper: scoped to the verified contact whatever it
// says, refused with a reason the model can act on, paged, audited.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { deploymentEnv, startBackend, seedDemo, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: ReturnType<Backend["withIdentity"]>;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
});
afterAll(() => cloud?.stop());

const alice = { kind: "contact" as const, verifiedOwnerKey: "alice@example.com" };
const bob = { kind: "contact" as const, verifiedOwnerKey: "bob@example.com" };
const visitor = { kind: "contact" as const, verifiedOwnerKey: null };

const run = (
  sql: string,
  viewer: typeof alice | typeof visitor | { kind: "admin" },
  page: { limit?: number; cursor?: string | null } = {},
) => t.action(internal.system.agentDatabase.modelSql, { organizationId, sql, viewer, ...page });

const refused = (code: "invalid_input" | "forbidden", message?: RegExp): unknown =>
  expect.objectContaining({
    data: expect.objectContaining({
      code,
      ...(message === undefined ? {} : { message: expect.stringMatching(message) }),
    }),
  });

describe("a verified contact", () => {
  it("SELECT * FROM orders returns only their own orders", async () => {
    const mine = await run("SELECT * FROM orders ORDER BY order_number", alice);
    expect(mine.table).toBe("model SQL");
    expect(mine.columns).toContain("tracking_number");
    const numbers = mine.rows.map((row) => row[mine.columns.indexOf("order_number")]);
    expect(numbers).toEqual(["1001", "1007", "1012"]);
    expect(mine).toMatchObject({ rowCount: 3, truncated: false });
    const bobs = await run("SELECT order_number FROM orders ORDER BY 1", bob);
    expect(bobs.rows).toEqual([["1002"], ["1009"], ["1016"]]);
  });

  it("cannot widen the scope by naming another customer or qualifying the table", async () => {
    const sql =
      "SELECT o.order_number FROM public.orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'bob@example.com'";
    expect((await run(sql, alice)).rows).toEqual([]);
    expect((await run("SELECT count(*) AS n FROM public.orders", alice)).rows).toEqual([["3"]]);
  });

  it("keeps the statement that ran, scoped and paged, without the contact's e-mail", async () => {
    const result = await run("SELECT order_number, status FROM orders", alice);
    expect(result.statement).toMatch(/^SELECT \* FROM \(\nWITH /);
    expect(result.statement).toMatch(/LIMIT 21 OFFSET 0$/);
    expect(result.statement).not.toContain("alice");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("pages 20 rows by default, at most 100, with a cursor", async () => {
    const sql = "SELECT p.sku FROM products p CROSS JOIN product_categories c ORDER BY 1, c.id";
    const first = await run(sql, alice);
    expect(first).toMatchObject({ rowCount: 20, truncated: true, nextCursor: expect.any(String) });
    const second = await run(sql, alice, { cursor: first.nextCursor });
    expect(second.rows[0]).not.toEqual(first.rows[0]);
    expect((await run(sql, alice, { limit: 500 })).rowCount).toBe(100);
    await expect(run("SELECT 1 AS one", alice, { cursor: first.nextCursor })).rejects.toEqual(
      refused("invalid_input", /cursor/),
    );
  });
});

describe("refused, with a reason the model can read", () => {
  it("an unverified visitor may not read customer tables, but may read public ones", async () => {
    await expect(run("SELECT * FROM orders", visitor)).rejects.toEqual(
      refused("forbidden", /public\.orders.*not verified/s),
    );
    const stock = await run("SELECT sku, stock FROM products WHERE sku = 'SKU-789'", visitor);
    expect(stock.rows).toEqual([["SKU-789", 14]]);
  });

  it("a private table is refused even for a verified contact", async () => {
    await expect(run("SELECT * FROM inventory_events", alice)).rejects.toEqual(
      refused("forbidden", /inventory_events/),
    );
  });

  it("DELETE, pg_sleep and several statements never run", async () => {
    await expect(run("DELETE FROM orders", alice)).rejects.toEqual(refused("invalid_input"));
    await expect(run("SELECT pg_sleep(5)", alice)).rejects.toEqual(refused("invalid_input", /pg_sleep/));
    await expect(run("SELECT 1; DELETE FROM orders", alice)).rejects.toEqual(
      refused("invalid_input", /more than one statement/),
    );
    await expect(run("SELECT 1; DELETE FROM orders", { kind: "admin" })).rejects.toEqual(
      refused("invalid_input"),
    );
    await expect(run("SELEC order_number FROM orders", alice)).rejects.toEqual(
      refused("invalid_input", /syntax/),
    );
    // Still all there: the admin reads every order.
    expect((await run("SELECT count(*) AS n FROM orders", { kind: "admin" })).rows).toEqual([["16"]]);
  });

  it("every run is audited, refusals with their code", async () => {
    const audit = await owner.query(api.private.auditLog.list, {
      organizationId,
      paginationOpts: { numItems: 100, cursor: null },
    });
    const runs = audit.page.filter((e) => e.operation === "lookup" && e.table === "model SQL");
    expect(runs.length).toBeGreaterThanOrEqual(15);
    const outcomes = runs.map((e) => e.outcome);
    expect(outcomes).toContainEqual({ kind: "error", code: "forbidden" });
    expect(outcomes).toContainEqual({ kind: "error", code: "invalid_input" });
    expect(runs.find((e) => e.outcome.kind === "ok")?.rowCount).toEqual(expect.any(Number));
  });
});
