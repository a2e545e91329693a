// Suggestions from names and foreign keys. The demo schema's suggestions are checked end to end in
// data-sources.test.ts; these cover the rules one by one on small catalogs.
import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import { describe, expect, it } from "vitest";
import { suggestPolicy } from "../convex/access/policies.ts";

function column(name: string, nullable = false): ColumnInfo {
  return { name, ordinal: 1, nativeType: "text", type: "text", nullable, comment: null };
}

function table(
  name: string,
  columns: ColumnInfo[],
  foreignKeys: { column: string; table: string; references?: string }[] = [],
  schema = "public",
): TableInfo {
  return {
    schema,
    name,
    kind: "table",
    comment: null,
    estimatedRows: null,
    columns,
    primaryKey: ["id"],
    foreignKeys: foreignKeys.map((fk) => ({
      name: `${name}_${fk.column}_fkey`,
      columns: [fk.column],
      references: { schema, name: fk.table, columns: [fk.references ?? "id"] },
    })),
  };
}

const customers = table("customers", [column("id"), column("email")]);
const orders = table(
  "orders",
  [column("id"), column("customer_id")],
  [{ column: "customer_id", table: "customers" }],
);
const lines = table(
  "order_lines",
  [column("order_id"), column("sku")],
  [{ column: "order_id", table: "orders" }],
);

describe("suggestPolicy", () => {
  it("the customer table is scoped by its e-mail", () => {
    expect(suggestPolicy(customers, [customers])).toMatchObject({
      policy: { kind: "customer", ownerPath: [], ownerColumn: "email" },
    });
  });

  it("follows required foreign keys to the customer, two hops deep", () => {
    const suggestion = suggestPolicy(lines, [customers, orders, lines]);
    expect(suggestion.policy).toEqual({
      kind: "customer",
      ownerColumn: "email",
      ownerPath: [
        { column: "order_id", references: { schema: "public", table: "orders", column: "id" } },
        { column: "customer_id", references: { schema: "public", table: "customers", column: "id" } },
      ],
    });
    expect(suggestion.reason).toBe(
      "rows belong to a customer: order_lines.order_id → orders.id, orders.customer_id → customers.id, identified by customers.email",
    );
  });

  it("a nullable owner column is not a safe scope", () => {
    const events = table(
      "shipments",
      [column("id"), column("order_id", true)],
      [{ column: "order_id", table: "orders" }],
    );
    expect(suggestPolicy(events, [customers, orders, events]).policy.kind).toBe("private");
  });

  it("customer_id without a declared foreign key is suggested, and says to check it", () => {
    const notes = table("returns", [column("id"), column("customer_id")]);
    const suggestion = suggestPolicy(notes, [customers, notes]);
    expect(suggestion.policy).toMatchObject({ kind: "customer", ownerPath: [{ column: "customer_id" }] });
    expect(suggestion.reason).toMatch(/no foreign key declared/);
  });

  it("catalog-like tables are public, internal-looking ones private, the rest private", () => {
    const catalog = [customers];
    expect(suggestPolicy(table("products", [column("id"), column("sku")]), catalog).policy.kind).toBe(
      "public",
    );
    expect(suggestPolicy(table("StoreLocations", [column("id")]), catalog).policy.kind).toBe("public");
    expect(suggestPolicy(table("audit_log", [column("id"), column("email")]), catalog).policy.kind).toBe(
      "private",
    );
    expect(suggestPolicy(table("payment_cards", [column("id")]), catalog).policy.kind).toBe("private");
    expect(suggestPolicy(table("widgets", [column("id")]), catalog)).toMatchObject({
      policy: { kind: "private" },
      reason: "no owner column found; private until you choose",
    });
  });

  it("a customers table without an e-mail is not a customer identity", () => {
    const anonymous = table("customers", [column("id"), column("nickname")]);
    const o = table(
      "orders",
      [column("id"), column("customer_id")],
      [{ column: "customer_id", table: "customers" }],
    );
    expect(suggestPolicy(o, [anonymous, o]).policy.kind).toBe("private");
  });

  it("a staff notes table that references the customer stays private, and says why", () => {
    const staffNotes = table(
      "staff_notes",
      [column("id"), column("customer_id"), column("body")],
      [{ column: "customer_id", table: "customers" }],
    );
    const suggestion = suggestPolicy(staffNotes, [customers, staffNotes]);
    expect(suggestion.policy).toEqual({ kind: "private" });
    expect(suggestion.reason).toBe(
      '"staff" in staff_notes suggests staff-only data, so it stays private, even though its rows link to a customer (staff_notes.customer_id → customers.id, identified by customers.email); choose customer only if every row is meant for that customer to read',
    );
  });

  it.each([
    "customer_notes",
    "OrderNotes",
    "ticket_comments",
    "employee_remarks",
    "internal_flags",
    "order_audit",
    "access_logs",
    "admins",
    "api_tokens",
    "password_resets",
    "user_sessions",
    "login_attempts",
    "fraud_checks",
  ])("%s, linked to a customer, is private because of its name", (name) => {
    const hinted = table(
      name,
      [column("id"), column("customer_id")],
      [{ column: "customer_id", table: "customers" }],
    );
    const suggestion = suggestPolicy(hinted, [customers, hinted]);
    expect(suggestion.policy.kind).toBe("private");
    expect(suggestion.reason).toMatch(/suggests staff-only data/);
  });

  it("a customer_id column without a foreign key does not beat a private name", () => {
    const notes = table("notes", [column("id"), column("customer_id")]);
    expect(suggestPolicy(notes, [customers, notes]).policy.kind).toBe("private");
  });

  it("a table in a staff-only schema is private", () => {
    const tickets = table("tickets", [column("id"), column("customer_id")], [], "internal");
    tickets.foreignKeys = [
      {
        name: "tickets_customer_id_fkey",
        columns: ["customer_id"],
        references: { schema: "public", name: "customers", columns: ["id"] },
      },
    ];
    const suggestion = suggestPolicy(tickets, [customers, tickets]);
    expect(suggestion.policy.kind).toBe("private");
    expect(suggestion.reason).toMatch(/"internal" in schema internal/);
  });

  it("rows that hang off a staff-only table stay private too", () => {
    const staffNotes = table(
      "staff_notes",
      [column("id"), column("customer_id")],
      [{ column: "customer_id", table: "customers" }],
    );
    const attachments = table(
      "attachments",
      [column("id"), column("note_id")],
      [{ column: "note_id", table: "staff_notes" }],
    );
    expect(suggestPolicy(attachments, [customers, staffNotes, attachments])).toEqual({
      policy: { kind: "private" },
      reason: 'rows link to staff_notes, which looks staff-only ("staff"), so they stay private too',
    });
  });

  it("customer data keeps its customer suggestion: orders, invoices, appointments, messages", () => {
    const owned = (name: string, columns: ColumnInfo[] = []) =>
      table(
        name,
        [column("id"), column("customer_id"), ...columns],
        [{ column: "customer_id", table: "customers" }],
      );
    const appointments = owned("appointments", [column("notes", true)]);
    const invoices = owned("invoices");
    const tickets = owned("tickets");
    const messages = table(
      "ticket_messages",
      [column("id"), column("ticket_id"), { ...column("is_internal"), type: "boolean" }],
      [{ column: "ticket_id", table: "tickets" }],
    );
    const catalog = [customers, orders, lines, appointments, invoices, tickets, messages];
    for (const t of [orders, lines, appointments, invoices]) {
      expect(suggestPolicy(t, catalog).policy, t.name).toMatchObject({
        kind: "customer",
        ownerColumn: "email",
      });
    }
    expect(suggestPolicy(messages, catalog).policy).toMatchObject({
      kind: "customer",
      hiddenWhen: "is_internal",
    });
    expect(suggestPolicy(table("products", [column("id")]), catalog).policy.kind).toBe("public");
  });

  it.each(["blog_posts", "catalog_requests", "notebook_orders", "logistics_shipments", "staffing_requests"])(
    "a hint inside another word does not count: %s is the customer's",
    (name) => {
      const owned = table(
        name,
        [column("id"), column("customer_id")],
        [{ column: "customer_id", table: "customers" }],
      );
      expect(suggestPolicy(owned, [customers, owned]).policy.kind).toBe("customer");
    },
  );

  it("sessions a customer books are the customer's; sign-in sessions stay private", () => {
    const booked = table(
      "tutoring_sessions",
      [column("id"), column("customer_id")],
      [{ column: "customer_id", table: "customers" }],
    );
    expect(suggestPolicy(booked, [customers, booked]).policy.kind).toBe("customer");
    for (const name of ["sessions", "auth_sessions", "UserSessions"]) {
      const signIn = table(
        name,
        [column("id"), column("customer_id")],
        [{ column: "customer_id", table: "customers" }],
      );
      expect(suggestPolicy(signIn, [customers, signIn]).policy.kind, name).toBe("private");
    }
  });

  it("a number another body issued to the person is hidden, whatever its name; the shop's own numbers are not", () => {
    const pupils = table("customers", [
      column("id"),
      column("email"),
      { ...column("upn"), comment: "Unique Pupil Number from the child's school, for exam entries." },
      { ...column("nhs"), comment: "NHS number issued by the GP surgery" },
      { ...column("order_number"), comment: "Unique order number shown on receipts." },
    ]);
    expect(suggestPolicy(pupils, [pupils]).policy).toMatchObject({ hiddenColumns: ["upn", "nhs"] });
  });

  it("a table whose comment says staff only is private, whatever its name", () => {
    const remarks = {
      ...table(
        "retention_calls",
        [column("id"), column("customer_id")],
        [{ column: "customer_id", table: "customers" }],
      ),
      comment: "What the retentions team heard. Staff only, never to be read to the customer.",
    };
    const suggestion = suggestPolicy(remarks, [customers, remarks]);
    expect(suggestion.policy).toEqual({ kind: "private" });
    expect(suggestion.reason).toMatch(/its comment says staff only/);
  });

  it("an account's own number is how the customer quotes it; a bank account number elsewhere is hidden", () => {
    const accounts = table("accounts", [column("id"), column("email"), column("account_number")]);
    expect(suggestPolicy(accounts, [accounts]).policy).not.toHaveProperty("hiddenColumns");
    const holders = table("customers", [column("id"), column("email"), column("account_number")]);
    expect(suggestPolicy(holders, [holders]).policy).toMatchObject({ hiddenColumns: ["account_number"] });
  });

  it("a product catalog is public: `catalog` is not a log", () => {
    expect(suggestPolicy(table("product_catalog", [column("id")]), [customers]).policy.kind).toBe("public");
  });

  describe("on a schema that names nothing like a shop", () => {
    const subscribers = { ...table("subscribers", [column("id"), column("email"), column("full_name")]) };
    const accounts = table(
      "accounts_ledger",
      [column("id"), column("subscriber_id")],
      [{ column: "subscriber_id", table: "subscribers" }],
    );
    const tours = table("tours", [column("id"), column("title")]);
    const guides = table("guides", [
      column("id"),
      column("full_name"),
      column("personal_mobile"),
      { ...column("radio_code"), comment: "Internal: never give it to customers." },
    ]);
    const departures = table(
      "departures",
      [column("id"), column("tour_id"), column("guide_id")],
      [
        { column: "tour_id", table: "tours" },
        { column: "guide_id", table: "guides" },
      ],
    );
    const addresses = table("delivery_addresses", [column("id"), column("line1"), column("postcode")]);
    const escalations = table("escalation_desks", [column("id"), column("name")]);
    const staffNotes = table(
      "staff_notes",
      [column("id"), column("desk_id")],
      [{ column: "desk_id", table: "escalation_desks" }],
    );
    const bookings = table(
      "bookings",
      [column("id"), column("account_id"), column("departure_id"), column("address_id", true)],
      [
        { column: "account_id", table: "accounts_ledger" },
        { column: "departure_id", table: "departures" },
        { column: "address_id", table: "delivery_addresses" },
      ],
    );
    const catalog = [
      subscribers,
      accounts,
      tours,
      guides,
      departures,
      addresses,
      escalations,
      staffNotes,
      bookings,
    ];

    it("the e-mail table the others depend on is the customer table, found through several hops", () => {
      expect(suggestPolicy(subscribers, catalog).policy).toMatchObject({
        kind: "customer",
        ownerColumn: "email",
      });
      const suggestion = suggestPolicy(bookings, catalog);
      expect(suggestion.policy).toMatchObject({ kind: "customer", ownerColumn: "email" });
      expect(suggestion.reason).toBe(
        "rows belong to a customer: bookings.account_id → accounts_ledger.id, accounts_ledger.subscriber_id → subscribers.id, identified by subscribers.email",
      );
    });

    it("two e-mail tables nobody can tell apart: no customer table, so nothing is scoped to the wrong people", () => {
      const drivers = table("drivers", [column("id"), column("email")]);
      const riders = table("riders", [column("id"), column("email")]);
      const trips = table(
        "trips",
        [column("id"), column("driver_id"), column("rider_id")],
        [
          { column: "driver_id", table: "drivers" },
          { column: "rider_id", table: "riders" },
        ],
      );
      expect(suggestPolicy(trips, [drivers, riders, trips]).policy.kind).toBe("private");
      const signIn = { ...riders, comment: "Riders; email is their app login." };
      expect(suggestPolicy(trips, [drivers, signIn, trips]).policy).toMatchObject({
        kind: "customer",
        ownerPath: [{ column: "rider_id" }],
      });
    });

    it("what customers' rows point at is reference data anyone may see, through more than one hop", () => {
      const departure = suggestPolicy(departures, catalog);
      expect(departure.policy).toEqual({ kind: "public" });
      expect(departure.reason).toMatch(/reference data customers' rows point at \(bookings\.departure_id\)/);
      expect(suggestPolicy(tours, catalog).policy).toEqual({ kind: "public" });
    });

    it("a public person's own phone and anything commented internal stay hidden", () => {
      expect(suggestPolicy(guides, catalog).policy).toEqual({
        kind: "public",
        hiddenColumns: ["personal_mobile", "radio_code"],
      });
    });

    it("addresses, tables only staff tables point at, and staff-looking tables are never reference data", () => {
      expect(suggestPolicy(addresses, catalog).policy.kind).toBe("private");
      expect(suggestPolicy(escalations, catalog).policy.kind).toBe("private");
      const agents = table("staff_members", [column("id"), column("name")]);
      const tickets = table(
        "tickets",
        [column("id"), column("account_id"), column("agent_id", true)],
        [
          { column: "account_id", table: "accounts_ledger" },
          { column: "agent_id", table: "staff_members" },
        ],
      );
      expect(suggestPolicy(agents, [...catalog, agents, tickets]).policy.kind).toBe("private");
    });
  });
});
