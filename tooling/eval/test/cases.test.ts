import { describe, expect, it } from "vitest";
import { CasesFileError, DEMO_CASES, filterCases, loadCases, parseCases, viewerOf } from "../src/cases.ts";

const one = {
  id: "own-order",
  question: "Where is my order #1001?",
  contact: { email: "Alice@Example.com", verified: true },
  expect: "database",
  mustInclude: ["UPS"],
};

describe("cases file", () => {
  it("reads a JSON array and JSON lines alike, with defaults for the optional lists", () => {
    const fromArray = parseCases(JSON.stringify([one]), "cases.json");
    const fromLines = parseCases(
      `${JSON.stringify(one)}\n\n${JSON.stringify({ ...one, id: "b" })}\n`,
      "c.jsonl",
    );
    expect(fromArray).toEqual([{ ...one, mustNotInclude: [], tags: [] }]);
    expect(fromLines.map((c) => c.id)).toEqual(["own-order", "b"]);
  });

  it("names the case and field of every problem, and refuses duplicate ids", () => {
    const bad = [
      { ...one, expect: "db" },
      { ...one, id: "x", contact: "guest" },
      { ...one, id: "x", contact: "admin", mustInclude: "UPS" },
    ];
    expect(() => parseCases(JSON.stringify([...bad, one, one]), "cases.json")).toThrowError(CasesFileError);
    try {
      parseCases(JSON.stringify([...bad, one, one]), "cases.json");
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('case 1 ("own-order"): expect');
      expect(message).toContain('case 2 ("x"): contact');
      expect(message).toContain('case 3 ("x"): mustInclude');
      expect(message).toContain('id "own-order" is used by more than one case');
    }
  });

  it("a typo in a field name is an error, not an ignored field", () => {
    expect(() => parseCases(JSON.stringify([{ ...one, mustNotInlcude: ["x"] }]), "c.json")).toThrowError(
      /mustNotInlcude/,
    );
  });

  it("only a verified contact's e-mail becomes the owner key", () => {
    expect(viewerOf({ email: "Alice@Example.com", verified: true })).toEqual({
      kind: "contact",
      verifiedOwnerKey: "alice@example.com",
    });
    expect(viewerOf({ email: "alice@example.com", verified: false })).toEqual({
      kind: "contact",
      verifiedOwnerKey: null,
    });
    expect(viewerOf("anonymous")).toEqual({ kind: "contact", verifiedOwnerKey: null });
    expect(viewerOf("admin")).toEqual({ kind: "admin" });
  });
});

describe("the shipped demo cases", () => {
  it("are valid, at least 60, and cover every kind of question the issue lists", async () => {
    const cases = await loadCases(DEMO_CASES);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const tag of [
      "cross-customer",
      "prompt-injection",
      "sql-injection",
      "kb",
      "none",
      "unverified",
      "public",
    ]) {
      expect(filterCases(cases, tag).length, tag).toBeGreaterThanOrEqual(3);
    }
    // A cross-customer or injection case that forbids nothing could never find a leak.
    for (const c of cases.filter((c) => c.tags.includes("cross-customer") || c.tags.includes("injection"))) {
      expect(c.mustNotInclude.length, c.id).toBeGreaterThan(0);
    }
  });
});
