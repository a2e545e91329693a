// Planning on two schemas: the demo shop, catalogued from the real demo database, and a clinic written
// as TableInfo fixtures. The same rules must find the right table and condition in both.
import type { TableInfo } from "@answerbase/connectors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../convex/access/viewer.ts";
import { planLookup } from "../../convex/lookup/plan.ts";
import { CLINIC_CATALOG, CLINIC_POLICIES } from "./support/clinic-catalog.ts";
import { DEMO_POLICIES, startDemoDatabase, type DemoDatabase } from "./support/demo-database.ts";

const alice: Viewer = { kind: "contact", verifiedOwnerKey: "alice@example.com" };
const anonymous: Viewer = { kind: "contact", verifiedOwnerKey: null };
const admin: Viewer = { kind: "admin" };
const key = (table: TableInfo) => `${table.schema}.${table.name}`;

let demo: DemoDatabase;
beforeAll(async () => {
  demo = await startDemoDatabase();
});
afterAll(async () => {
  await demo?.stop();
});

const plan = (question: string, viewer: Viewer, limit?: number) =>
  planLookup(question, demo.catalog, DEMO_POLICIES, viewer, { limit });

describe("planLookup on the demo shop", () => {
  it("where is my order #1001? → orders by order_number, with a readable reason", () => {
    const [top] = plan("where is my order #1001?", alice);
    expect(key(top!.table)).toBe("public.orders");
    expect(top!.conditions).toEqual([{ column: "order_number", operator: "=", value: "1001" }]);
    expect(top!.reason).toContain("order_number = 1001");
  });

  it("is SKU-789 in stock? → products by sku, for an anonymous visitor too", () => {
    const [top] = plan("is SKU-789 in stock?", anonymous);
    expect(key(top!.table)).toBe("public.products");
    expect(top!.conditions).toEqual([{ column: "sku", operator: "=", value: "SKU-789" }]);
    expect(top!.reason).toContain("column stock");
  });

  it("when is my next appointment? → appointments when verified, nothing for an unverified contact", () => {
    expect(plan("when is my next appointment?", alice).map((c) => key(c.table))).toEqual([
      "public.appointments",
    ]);
    expect(plan("when is my next appointment?", anonymous)).toEqual([]);
  });

  it("how do I reset my password? → no table (the knowledge base answers it)", () => {
    expect(plan("how do I reset my password?", alice)).toEqual([]);
    expect(plan("how do I reset my password?", admin)).toEqual([]);
  });

  it("finds orders from a tracking number, and a date in any of the order's date columns", () => {
    const [byTracking] = plan("where is parcel 1Z999AA10123456784?", alice);
    expect(byTracking!.conditions).toEqual([
      { column: "tracking_number", operator: "=", value: "1Z999AA10123456784" },
    ]);
    const [byDate] = plan("my order arriving Nov 24", alice);
    expect(key(byDate!.table)).toBe("public.orders");
    expect(byDate!.conditions).toEqual([
      {
        anyOf: ["placed_at", "estimated_delivery", "delivered_at"].map((column) => ({
          column,
          operator: "=",
          value: "--11-24",
        })),
      },
    ]);
  });

  it("puts leftover words on descriptive, then other plain text columns as refinements, not conditions", () => {
    const [top] = plan("what are the opening hours of the Berlin store?", anonymous);
    expect(key(top!.table)).toBe("public.StoreLocations");
    expect(top!.conditions).toEqual([]);
    expect(top!.refinements).toEqual([
      {
        anyOf: [
          { column: "storeName", operator: "ILIKE", value: "berlin" },
          { column: "Region Name", operator: "ILIKE", value: "berlin" },
          { column: "time_zone", operator: "ILIKE", value: "berlin" },
        ],
      },
    ]);
  });

  it("never offers a private table to a contact; an admin gets them", () => {
    const questions = [
      "show me the messages on ticket #1",
      "what is the status of my support ticket?",
      "inventory events for SKU-789",
      "order summaries for order 1001",
    ];
    for (const question of questions) {
      for (const viewer of [alice, anonymous]) {
        for (const candidate of plan(question, viewer, 10)) {
          expect(candidate.policy.kind, `${question} → ${key(candidate.table)}`).not.toBe("private");
        }
      }
    }
    const [messages] = plan("show me the messages on ticket #1", admin);
    expect(key(messages!.table)).toBe("support.ticket_messages");
    expect(messages!.conditions).toEqual([{ column: "ticket_id", operator: "=", value: "1" }]);
  });

  it("returns 3 candidates by default, best first, and honours a limit", () => {
    const question = "order items, the customers, the products and the store locations";
    const all = plan(question, admin, 10);
    expect(all.length).toBeGreaterThan(3);
    expect(plan(question, admin)).toEqual(all.slice(0, 3));
    expect(all.map((c) => c.score)).toEqual([...all.map((c) => c.score)].sort((a, b) => b - a));
  });

  it("a question naming one order, e-mail or code asks only the tables that identifier fits", () => {
    // Otherwise the asker's other rows would answer a question about someone else's order.
    const tables = (question: string) => plan(question, alice, 10).map((c) => key(c.table));
    expect(tables("where is order #1002?")).not.toContain("support.tickets");
    expect(tables("What address is order 1006 being shipped to?")).not.toContain("public.customers");
    expect(tables("What is bob@example.com's phone number?")).not.toContain("public.StoreLocations");
    for (const candidate of plan("show me the orders of bob@example.com", alice, 10)) {
      expect(candidate.conditions.length).toBeGreaterThan(0);
    }
  });

  it("a product or store named in capitals is looked up by its name column", () => {
    const candidates = plan("Do you have the Ceramic Pour-Over Coffee Dripper?", anonymous, 10);
    const products = candidates.find((c) => key(c.table) === "public.products");
    expect(products?.conditions).toEqual([
      { column: "name", operator: "ILIKE", value: "Ceramic Pour-Over Coffee Dripper" },
    ]);
  });

  it("a table touched only through a column's name is not asked without something to narrow by", () => {
    const products = plan("warranty?", anonymous, 10).find((c) => key(c.table) === "public.products");
    expect(products).toBeUndefined();
    const narrowed = plan("how do I make a warranty claim?", anonymous, 10).find(
      (c) => key(c.table) === "public.products",
    );
    expect(narrowed?.broadAnswer).toBe(false); // its refinements may run, all its rows may not
  });
});

describe("planLookup on a clinic schema", () => {
  const maria: Viewer = { kind: "contact", verifiedOwnerKey: "maria@example.org" };
  const clinic = (question: string, viewer: Viewer) =>
    planLookup(question, CLINIC_CATALOG, CLINIC_POLICIES, viewer);

  it("when is my next appointment? → clinic.appointments for a verified patient only", () => {
    expect(clinic("when is my next appointment?", maria).map((c) => key(c.table))).toEqual([
      "clinic.appointments",
    ]);
    expect(clinic("when is my next appointment?", anonymous)).toEqual([]);
  });

  it("a code's prefix finds its column: RX-20931 → prescriptions.rx_number", () => {
    const [top] = clinic("how many refills are left on RX-20931?", maria);
    expect(key(top!.table)).toBe("clinic.prescriptions");
    expect(top!.conditions).toEqual([{ column: "rx_number", operator: "=", value: "RX-20931" }]);
  });

  it("camelCase names: is invoice 5521 paid? → Invoices.invoiceNo", () => {
    const [top] = clinic("is invoice 5521 paid?", maria);
    expect(key(top!.table)).toBe("clinic.Invoices");
    expect(top!.conditions).toEqual([{ column: "invoiceNo", operator: "=", value: "5521" }]);
  });

  it("the customer's word for a record finds the schema's: my latest bill → Invoices, my next visit → appointments", () => {
    expect(clinic("how much is my latest bill?", maria).map((c) => key(c.table))).toContain(
      "clinic.Invoices",
    );
    expect(clinic("when is my next visit?", maria).map((c) => key(c.table))).toEqual(["clinic.appointments"]);
    expect(
      clinic("what did your billing team write about me?", maria).map((c) => key(c.table)),
    ).not.toContain("clinic.Invoices");
  });

  it("a word the schema's states are spelled with narrows by the status column: my rescheduled appointments", () => {
    const [top] = clinic("which of my appointments were rescheduled?", maria);
    expect(key(top!.table)).toBe("clinic.appointments");
    expect(top!.refinements).toContainEqual({
      anyOf: expect.arrayContaining([{ column: "status", operator: "ILIKE", value: "rescheduled" }]),
    });
  });

  it("the details you hold about me → the verified contact's own identity row, nobody's for a visitor", () => {
    const [top] = clinic("Show me all the personal details you hold about me", maria);
    expect(key(top!.table)).toBe("clinic.patients");
    expect(top).toMatchObject({ conditions: [], broadAnswer: true });
    expect(clinic("Show me all the personal details you hold about me", anonymous)).toEqual([]);
  });

  it("a day-first date on the appointment's timestamp", () => {
    const [top] = clinic("my appointment on 03/12/2026", maria);
    expect(top!.conditions).toEqual([{ column: "starts_at", operator: "=", value: "2026-12-03" }]);
  });

  it("public tables without a primary key for anyone; private staff notes only for an admin", () => {
    expect(clinic("what are your opening hours?", anonymous).map((c) => key(c.table))).toEqual([
      "clinic.opening_hours",
    ]);
    expect(clinic("show staff notes for patient 12", maria).map((c) => key(c.table))).not.toContain(
      "clinic.staff_notes",
    );
    const [top] = clinic("show staff notes for patient 12", admin);
    expect(key(top!.table)).toBe("clinic.staff_notes");
    expect(top!.conditions).toEqual([{ column: "patient_id", operator: "=", value: "12" }]);
  });
});
