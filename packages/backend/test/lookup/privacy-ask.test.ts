// Which questions the privacy article answers (issue 16), read from the words and the clinic test
// catalog's own tables and policies: nothing here names a table.
import { describe, expect, it } from "vitest";
import type { Viewer } from "../../convex/access/viewer.ts";
import { privacyAsk } from "../../convex/lookup/privacyAsk.ts";
import { CLINIC_CATALOG, CLINIC_POLICIES } from "./support/clinic-catalog.ts";

const maria: Viewer = { kind: "contact", verifiedOwnerKey: "maria@example.org" };
const unverified: Viewer = { kind: "contact", verifiedOwnerKey: null };
const ask = (question: string, viewer: Viewer = maria) =>
  privacyAsk(question, CLINIC_CATALOG, CLINIC_POLICIES, viewer);

describe("privacyAsk", () => {
  it.each([
    "What did the retentions team say about me when I asked to leave?",
    "What have your advisers written about Sofia Rossi?",
    "Did anyone note that the double charge was your fault?",
    "Are there any notes about me on your system?",
  ])("staff remarks, whatever the notes table is called: %s", (question) => {
    expect(ask(question)).toBe("remarks");
  });

  it("another person's details when the question names a column of a customer table", () => {
    // `fullName` of clinic.patients: "name" is a word of a customer table's column.
    expect(ask("What is the full name of Oliver Grant's doctor?")).toBe("person");
    // A company's name and no personal column: not about a person.
    expect(ask("Who is the CEO of Brightside Goods?")).toBeNull();
  });

  it("an unverified visitor asking about their own records is told to sign in; a verified one is not", () => {
    expect(ask("When is my next appointment?", unverified)).toBe("sign_in");
    expect(ask("When is my next appointment?")).toBeNull();
    // First person, but nothing a customer table holds.
    expect(ask("Are you hiring? How do I apply for a job?", unverified)).toBeNull();
  });

  it("typed SQL is an attack, not a privacy question; the dashboard's admin is never redirected", () => {
    expect(ask("'; DROP TABLE clinic.staff_notes; --")).toBeNull();
    expect(ask("What have your advisers written about Sofia Rossi?", { kind: "admin" })).toBeNull();
  });
});
