// What the audit log records of the demo database's accesses (issue 24): a lookup names the table(s)
// that answered it, and reading the table list is recorded only when it fails, so page views do not
// bury the entries an admin looks for.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Doc, Id } from "../convex/_generated/dataModel";
import {
  createUser,
  deploymentEnv,
  ingestionSettled,
  seedDemo,
  startBackend,
  type Backend,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: ReturnType<Backend["withIdentity"]>;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  await ingestionSettled(owner, organizationId);
});
afterAll(() => cloud?.stop());

/** The organization's entries since `after` (convex-test runs in this process, on its clock), oldest first. */
async function entriesSince(after: number, of = organizationId): Promise<Doc<"auditEvents">[]> {
  const all = await t.run((ctx) =>
    ctx.db
      .query("auditEvents")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", of))
      .collect(),
  );
  return all.filter((entry) => entry._creationTime >= after);
}

const lookup = (question: string, verifiedOwnerKey: string | null) =>
  t.action(internal.system.answers.lookup, {
    organizationId,
    question,
    viewer: { kind: "contact", verifiedOwnerKey },
  });

describe("the audit log's entries", () => {
  it("a lookup names the table whose rows answered the customer", async () => {
    const start = Date.now();
    const answer = await lookup("where is my order #1001?", "alice@example.com");
    expect(answer.result.source).toBe("database");
    const lookups = (await entriesSince(start)).filter((entry) => entry.operation === "lookup");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.table?.split(", ")).toContain("public.orders");
    expect(lookups[0]?.rowCount).toBeGreaterThan(0);

    const visitorStart = Date.now();
    const stock = await lookup("is SKU-789 in stock?", null);
    expect(stock.result.rows?.[0]?.table).toBe("public.products");
    const visitor = (await entriesSince(visitorStart)).filter((entry) => entry.operation === "lookup");
    expect(visitor.map((entry) => entry.table)).toEqual(["public.products"]);
  });

  it("listing the tables leaves no entry; a listing that fails does", async () => {
    const start = Date.now();
    const tables = await owner.action(api.private.dataSourceActions.listTables, { organizationId });
    expect(tables.length).toBeGreaterThan(0);
    expect((await entriesSince(start)).map((entry) => entry.operation)).not.toContain("list_tables");

    // An organization without a database: the listing fails, and that is worth an entry.
    const other = await createUser(t, "owner@elsewhere.test");
    const elsewhere = await other.as.mutation(api.private.organizations.create, { name: "Elsewhere" });
    await expect(
      other.as.action(api.private.dataSourceActions.listTables, { organizationId: elsewhere }),
    ).rejects.toMatchObject({ data: { code: "not_configured" } });
    const failed = await entriesSince(start, elsewhere);
    expect(failed.map((entry) => [entry.operation, entry.outcome])).toEqual([
      ["list_tables", { kind: "error", code: "not_configured" }],
    ]);
  });
});
