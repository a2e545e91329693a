// Suggestions from names and foreign keys. The demo schema's suggestions are checked end to end in
// data-sources.test.ts; these cover the rules one by one on small catalogs.
import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import { describe, expect, it } from "vitest";
import { suggestPolicy } from "../convex/lib/accessPolicies.ts";

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
});
