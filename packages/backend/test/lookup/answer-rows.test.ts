// Picking the rows that answer (issue 16), end to end on the demo database through the connector and
// its SQL guard: time frames and superlatives, names instead of foreign keys (only through tables the
// viewer may read whole), filters through a referenced table, and the columns a reply is written from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../convex/access/viewer.ts";
import { policyOf } from "../../convex/access/viewer.ts";
import { runLookup, type TableRows } from "../../convex/lookup/runLookup.ts";
import { buildScopedSelect } from "../../convex/lookup/scopedSql.ts";
import { shownColumns } from "../../convex/lookup/shownColumns.ts";
import { DEMO_POLICIES, startDemoDatabase, type DemoDatabase } from "./support/demo-database.ts";

const alice: Viewer = { kind: "contact", verifiedOwnerKey: "alice@example.com" };
/** The demo's cases were written on 2026-12-02: Alice's headphone fitting (Dec 3) is her next visit. */
const clock = { now: Date.parse("2026-12-02T12:00:00Z"), timeZone: "UTC" };

let demo: DemoDatabase;
beforeAll(async () => {
  demo = await startDemoDatabase();
});
afterAll(async () => {
  await demo?.stop();
});

const lookup = (question: string, viewer: Viewer) =>
  runLookup(demo.connector, { question, catalog: demo.catalog, policies: DEMO_POLICIES, viewer, clock });

function table(results: TableRows[], name: string): TableRows {
  const found = results.find((r) => r.table.name === name);
  expect(found, `${name} in ${results.map((r) => r.table.name).join(", ")}`).toBeDefined();
  return found!;
}
const rows = (result: TableRows) => (result.outcome.kind === "rows" ? result.outcome.rows : []);

describe("time frames", () => {
  it("my next appointment: upcoming ones only, soonest first, not the whole history", async () => {
    const appointments = table(await lookup("When is my next appointment?", alice), "appointments");
    expect(rows(appointments).map((r) => r.kind)).toEqual(["headphone fitting", "gift wrapping"]);
    expect(appointments.candidate.reason).toContain("starts_at from now, soonest first");
  });

  it("my last appointment: the most recent one before now, one row", async () => {
    const appointments = table(await lookup("What was my last appointment?", alice), "appointments");
    expect(rows(appointments).map((r) => r.kind)).toEqual(["repair drop-off"]);
  });

  it("this month: only rows dated in the current month", async () => {
    const appointments = table(await lookup("Do I have appointments this month?", alice), "appointments");
    expect(rows(appointments).map((r) => r.kind)).toEqual(["headphone fitting", "gift wrapping"]);
  });

  it("a later clock reads 'next' later: the same question on Dec 10 finds only the gift wrapping", async () => {
    const later = { now: Date.parse("2026-12-10T00:00:00Z"), timeZone: "UTC" };
    const results = await runLookup(demo.connector, {
      question: "When is my next appointment?",
      catalog: demo.catalog,
      policies: DEMO_POLICIES,
      viewer: alice,
      clock: later,
    });
    expect(rows(table(results, "appointments")).map((r) => r.kind)).toEqual(["gift wrapping"]);
  });
});

describe("rows of someone named", () => {
  it("another customer's name finds none of Alice's rows, not all of them", async () => {
    const results = await lookup("When is Bob Smith's next appointment?", alice);
    expect(results.flatMap(rows)).toEqual([]);
  });

  it("her own name narrows to her rows through the customer row they belong to", async () => {
    const appointments = table(
      await lookup("When is Alice Johnson's next appointment?", alice),
      "appointments",
    );
    expect(rows(appointments).map((r) => r.kind)).toEqual(["headphone fitting", "gift wrapping"]);
  });
});

describe("names instead of foreign keys", () => {
  it("an appointment shows its store's name (a public table), and the reply leaves the keys out", async () => {
    const appointments = table(await lookup("When is my next appointment?", alice), "appointments");
    expect(rows(appointments)[0]).toMatchObject({ store: "Brightside Seattle Flagship", store_id: 1 });
    const shown = shownColumns(appointments);
    expect(shown).toContain("store");
    expect(shown).not.toContain("store_id");
    expect(shown).not.toContain("customer_id");
    expect(shown).not.toContain("id");
  });

  it("never joins a customer table for a contact: an order does not bring its customer's name", async () => {
    const orders = table(await lookup("what is the status of my latest order?", alice), "orders");
    expect(Object.keys(rows(orders)[0] ?? {})).not.toContain("customer");
    expect(rows(orders)).toHaveLength(1);
  });

  it("filters through a referenced public table: my appointment at the Seattle store", async () => {
    const results = await lookup("my appointments at the Seattle store", alice);
    const appointments = table(results, "appointments");
    expect(rows(appointments).length).toBeGreaterThan(0);
    expect(rows(appointments).every((r) => r.store === "Brightside Seattle Flagship")).toBe(true);
  });

  const appointmentsByCustomer = (value: string, key: string) => {
    const ref = { schema: "public", name: "appointments" };
    return buildScopedSelect({
      table: ref,
      catalog: demo.catalog,
      policy: policyOf(DEMO_POLICIES, ref),
      policies: DEMO_POLICIES,
      viewer: alice,
      conditions: [
        {
          column: "full_name",
          operator: "ILIKE",
          value,
          via: { foreignKey: "customer_id", table: { schema: "public", name: "customers" }, key },
        },
      ],
    });
  };

  it("filters through the row the contact's own row belongs to (their own customer row), nobody else's", async () => {
    const run = async (value: string) => {
      const select = appointmentsByCustomer(value, "id");
      const result = await demo.connector.query(select.sql, select.params, {
        allowedTables: select.allowedTables,
        maxRows: select.maxRows,
      });
      return result.rows;
    };
    expect((await run("Alice")).length).toBeGreaterThan(0);
    // Another customer's name narrows Alice's rows to none: it never reaches that customer's rows.
    expect(await run("Bob")).toEqual([]);
  });

  it("refuses to filter through a customer table by any other step than the owner path's first", () => {
    expect(() => appointmentsByCustomer("alice", "public_id")).toThrowError(
      /public\.customers is not public: a lookup cannot filter through it/,
    );
  });
});
