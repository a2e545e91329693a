// Hidden columns never leave the database for the agent or the knowledge base: not through the
// planned lookup, not as a condition to match on, not through model SQL or named lookups (for any
// viewer), not into row documents, not as the label of a related row. Against the demo database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestPolicy, type AccessPolicy } from "../../convex/access/policies.ts";
import { hiddenColumnProblems } from "../../convex/access/hiddenColumns.ts";
import type { Viewer } from "../../convex/access/viewer.ts";
import type { PolicyMap } from "../../convex/access/viewer.ts";
import { wrapModelSql } from "../../convex/lookup/modelSql.ts";
import { planLookup } from "../../convex/lookup/plan.ts";
import { runLookup } from "../../convex/lookup/runLookup.ts";
import { buildScopedSelect } from "../../convex/lookup/scopedSql.ts";
import { readBatch } from "../../convex/knowledge/rowBatch.ts";
import { DEMO_POLICIES, startDemoDatabase, type DemoDatabase } from "./support/demo-database.ts";

const alice: Viewer = { kind: "contact", verifiedOwnerKey: "alice@example.com" };
const visitor: Viewer = { kind: "contact", verifiedOwnerKey: null };
const admin: Viewer = { kind: "admin" };
const CUSTOMERS = { schema: "public", name: "customers" };
/**
 * Alice's phone and birth date as database-schema.sql inserts them (her address is hidden in customers
 * too, but her orders' shipping_address, which is not hidden, holds the same street).
 */
const ALICE_SECRETS = ["+1 206 555 0101", "1988-04-12"];

const customersPolicy: AccessPolicy = {
  kind: "customer",
  ownerPath: [],
  ownerColumn: "email",
  hiddenColumns: ["phone", "birth_date", "address"],
};
const POLICIES: PolicyMap = new Map([...DEMO_POLICIES, ["public.customers", customersPolicy]]);

let demo: DemoDatabase;
beforeAll(async () => {
  demo = await startDemoDatabase();
});
afterAll(async () => {
  await demo?.stop();
});

const text = (value: unknown) => JSON.stringify(value);
const customersTable = () => demo.catalog.find((t) => t.schema === "public" && t.name === "customers")!;

describe("the planned lookup", () => {
  it("returns a customer's own row without the hidden columns", async () => {
    const results = await runLookup(demo.connector, {
      question: "what phone number and birth date and address do you have for my account?",
      catalog: demo.catalog,
      policies: POLICIES,
      viewer: alice,
    });
    const rows = results.flatMap((r) => (r.outcome.kind === "rows" ? r.outcome.rows : []));
    expect(rows.length).toBeGreaterThan(0);
    for (const secret of ALICE_SECRETS) expect(text(results)).not.toContain(secret);
  });

  it("reads the customer table itself without them", async () => {
    const results = await runLookup(demo.connector, {
      question: "show my customer profile",
      catalog: demo.catalog,
      policies: POLICIES,
      viewer: alice,
    });
    const customers = results.find((r) => r.table.name === "customers");
    expect(customers?.outcome).toMatchObject({
      kind: "rows",
      rows: [expect.objectContaining({ full_name: "Alice Johnson" })],
    });
    for (const secret of ALICE_SECRETS) expect(text(results)).not.toContain(secret);
  });

  it("never plans a condition on a hidden column, for any viewer", () => {
    for (const viewer of [alice, admin]) {
      const plan = planLookup("whose phone is +1 206 555 0101?", demo.catalog, POLICIES, viewer);
      expect(text(plan.map((c) => c.conditions))).not.toMatch(/"phone"|birth_date|"address"/);
    }
  });

  it("refuses a hidden column asked for by name or used as a condition", () => {
    const base = { table: CUSTOMERS, catalog: demo.catalog, policy: customersPolicy, viewer: alice };
    expect(() => buildScopedSelect({ ...base, columns: ["phone"] })).toThrow(/no column phone/);
    expect(() =>
      buildScopedSelect({
        ...base,
        conditions: [{ column: "phone", operator: "=", value: "+1 206 555 0101" }],
      }),
    ).toThrow();
    expect(buildScopedSelect(base).sql).not.toMatch(/"phone"|"birth_date"|"address"/);
  });
});

describe("model SQL and named lookups", () => {
  const run = async (sql: string, viewer: Viewer) => {
    const wrapped = wrapModelSql({ sql, catalog: demo.catalog, policies: POLICIES, viewer });
    return await demo.connector.query(wrapped.sql, wrapped.params, {
      allowedTables: wrapped.allowedTables,
      timeoutMs: 10_000,
    });
  };

  it.each([
    ["a verified contact", alice],
    ["the admin view", admin],
  ] as const)("%s: SELECT * and whole-row references return only visible columns", async (_, viewer) => {
    const star = await run("SELECT * FROM customers", viewer);
    expect(star.columns.map((c) => c.name)).not.toEqual(expect.arrayContaining(["phone"]));
    expect(star.columns.map((c) => c.name)).toContain("full_name");
    const whole = await run("SELECT c FROM public.customers AS c", viewer);
    for (const secret of ALICE_SECRETS) expect(text(star.rows) + text(whole.rows)).not.toContain(secret);
  });

  it.each([
    ["a verified contact", alice],
    ["the admin view", admin],
  ] as const)("%s: naming a hidden column fails as an unknown column", async (_, viewer) => {
    for (const sql of [
      "SELECT phone FROM customers",
      "SELECT full_name FROM customers WHERE birth_date = '1988-04-12'",
      'SELECT "address" FROM "public"."customers"',
    ]) {
      await expect(run(sql, viewer)).rejects.toMatchObject({ code: "syntax" });
    }
  });

  it("a visitor cannot read the customer table at all, hidden columns or not", async () => {
    await expect(run("SELECT full_name FROM customers", visitor)).rejects.toMatchObject({
      code: "rejected_sql",
    });
  });
});

describe("ingestion", () => {
  it("row documents and related-row labels leave hidden columns out", async () => {
    const table = customersTable();
    const batch = await readBatch(demo.connector, demo.catalog, table, {
      cursor: null,
      batchRows: 50,
      policy: customersPolicy,
      shared: new Map([["public.customers", customersPolicy]]),
      modelId: "test",
      timeoutMs: 10_000,
      sha256: (input) => input,
    });
    expect(batch.documents.length).toBeGreaterThan(3);
    for (const secret of ALICE_SECRETS) expect(text(batch.documents)).not.toContain(secret);
    expect(text(batch.documents)).toContain("Alice Johnson");

    const orders = demo.catalog.find((t) => t.name === "orders")!;
    // The customer's name labels an order unless the name itself is hidden.
    const nameHidden: AccessPolicy = { ...customersPolicy, hiddenColumns: ["full_name"] };
    const ordersBatch = await readBatch(demo.connector, demo.catalog, orders, {
      cursor: null,
      batchRows: 50,
      policy: DEMO_POLICIES.get("public.orders")!,
      shared: new Map([
        ["public.customers", nameHidden],
        ["public.orders", DEMO_POLICIES.get("public.orders")!],
      ]),
      modelId: "test",
      timeoutMs: 10_000,
      sha256: (input) => input,
    });
    expect(ordersBatch.documents.length).toBeGreaterThan(3);
    expect(text(ordersBatch.documents)).not.toContain("Alice Johnson");
  });
});

describe("policies", () => {
  it("suggests sensitive columns hidden, never the columns that find a row's owner", () => {
    const suggestion = suggestPolicy(customersTable(), demo.catalog);
    expect(suggestion.policy).toMatchObject({
      kind: "customer",
      ownerColumn: "email",
      hiddenColumns: ["birth_date"],
    });
    expect(suggestion.reason).toMatch(/birth_date stay hidden/);
  });

  it("suggests hidden any column whose name or comment says it holds an identity document or bank detail", () => {
    const base = customersTable();
    const column = (name: string, comment: string | null = null) => ({
      name,
      ordinal: base.columns.length + 1,
      type: "text" as const,
      nativeType: "text",
      nullable: true,
      comment,
    });
    const table = {
      ...base,
      columns: [
        ...base.columns,
        column("id_document_number"),
        column("customer_passport_no"),
        column("payout_ref", "IBAN of the account refunds are paid to"),
        column("favourite_colour"),
      ],
    };
    const suggestion = suggestPolicy(table, demo.catalog);
    expect(suggestion.policy).toMatchObject({
      hiddenColumns: ["birth_date", "id_document_number", "customer_passport_no", "payout_ref"],
    });
  });

  it("refuses hiding what decides a row's owner, and duplicates", () => {
    expect(hiddenColumnProblems({ ...customersPolicy, hiddenColumns: ["email"] })).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/email decides which rows/) }),
    ]);
    expect(hiddenColumnProblems({ kind: "public", hiddenColumns: ["a", "a"] })).toHaveLength(1);
    expect(hiddenColumnProblems(customersPolicy)).toEqual([]);
  });
});
