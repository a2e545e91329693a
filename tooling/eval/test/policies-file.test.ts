// `pnpm eval --policies <file>`: an admin's choices, checked whole against the catalog before anything
// is saved; a bad file names the table and the field at fault.
import { describe, expect, it } from "vitest";
import { parsePolicies, policyFor, PoliciesFileError, type CatalogTable } from "../src/policies-file.ts";

function table(
  schema: string,
  name: string,
  columns: string[],
  suggestion: CatalogTable["suggestion"]["policy"],
) {
  return {
    schema,
    name,
    columns: columns.map((column) => ({ name: column })),
    suggestion: { policy: suggestion },
  };
}

const catalog: CatalogTable[] = [
  table("gym", "members", ["id", "email", "iban"], { kind: "private" }),
  table("gym", "bookings", ["id", "member_id", "class_id"], {
    kind: "customer",
    ownerPath: [{ column: "member_id", references: { schema: "gym", table: "members", column: "id" } }],
    ownerColumn: "email",
  }),
  table("gym", "invoices", ["id", "booking_id", "amount"], { kind: "private" }),
  table("gym", "staff", ["id", "name", "home_phone"], { kind: "private" }),
  table("public", "notes", ["id", "body"], { kind: "public" }),
];

describe("parsePolicies", () => {
  it("reads the README's format: public with hidden columns, suggested, multi-hop owner paths", () => {
    const choices = parsePolicies(
      {
        tables: {
          "gym.staff": { kind: "public", hiddenColumns: ["home_phone"] },
          notes: { kind: "private" },
          "gym.bookings": { kind: "suggested" },
          "gym.members": { kind: "customer", ownerPath: [], ownerColumn: "email", hiddenColumns: ["iban"] },
          "gym.invoices": {
            kind: "customer",
            ownerPath: ["booking_id -> bookings.id", "member_id -> gym.members.id"],
            ownerColumn: "email",
          },
        },
      },
      catalog,
    );
    const [members, bookings, invoices, staff, notes] = catalog as [
      CatalogTable,
      CatalogTable,
      CatalogTable,
      CatalogTable,
      CatalogTable,
    ];
    expect(policyFor(staff, choices)).toEqual({ kind: "public", hiddenColumns: ["home_phone"] });
    expect(policyFor(notes, choices)).toBeUndefined();
    expect(policyFor(bookings, choices)).toEqual(bookings.suggestion.policy);
    expect(policyFor(members, choices)).toEqual({
      kind: "customer",
      ownerPath: [],
      ownerColumn: "email",
      hiddenColumns: ["iban"],
    });
    expect(policyFor(invoices, choices)).toEqual({
      kind: "customer",
      ownerPath: [
        { column: "booking_id", references: { schema: "gym", table: "bookings", column: "id" } },
        { column: "member_id", references: { schema: "gym", table: "members", column: "id" } },
      ],
      ownerColumn: "email",
    });
  });

  it("leaves tables that are not listed private", () => {
    const choices = parsePolicies({ tables: { "gym.staff": { kind: "public" } } }, catalog);
    expect(catalog.filter((t) => policyFor(t, choices) !== undefined).map((t) => t.name)).toEqual(["staff"]);
  });

  it.each([
    [{ tables: { "gym.nope": { kind: "public" } } }, 'tables."gym.nope": no such table'],
    [
      { tables: { "gym.staff": { kind: "shared" } } },
      'tables."gym.staff".kind: expected one of public, private',
    ],
    [
      { tables: { "gym.staff": { kind: "public", hiddenColumns: ["ssn"] } } },
      'tables."gym.staff".hiddenColumns: gym.staff has no column "ssn"',
    ],
    [
      { tables: { "gym.staff": { kind: "public", ownerColumn: "email" } } },
      'tables."gym.staff": a public table has no field ownerColumn',
    ],
    [
      {
        tables: {
          "gym.invoices": { kind: "customer", ownerPath: ["booking_id bookings.id"], ownerColumn: "email" },
        },
      },
      'tables."gym.invoices".ownerPath[0]: expected "column -> table.column"',
    ],
    [
      {
        tables: {
          "gym.invoices": { kind: "customer", ownerPath: ["booking -> bookings.id"], ownerColumn: "email" },
        },
      },
      'tables."gym.invoices".ownerPath[0]: gym.invoices has no column "booking"',
    ],
    [
      {
        tables: {
          "gym.invoices": {
            kind: "customer",
            ownerPath: ["booking_id -> bookings.id"],
            ownerColumn: "email",
          },
        },
      },
      'tables."gym.invoices".ownerColumn: gym.bookings has no column "email"',
    ],
    [
      { tables: { "gym.invoices": { kind: "customer", ownerColumn: "email" } } },
      'tables."gym.invoices".ownerPath: expected a list',
    ],
    [
      { tables: { notes: { kind: "public" }, "public.notes": { kind: "private" } } },
      'tables."public.notes": public.notes is listed twice',
    ],
    [{ policies: {} }, 'expected {"tables"'],
  ])("refuses %j with the table and field at fault", (file, message) => {
    let caught: unknown;
    try {
      parsePolicies(file, catalog);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PoliciesFileError);
    expect((caught as Error).message).toContain(message);
  });
});
