// Issue 15's done-criterion, end to end: on the clinic domain (a staff notes table, a national-id column
// and other sensitive ones), with every suggested policy accepted as it comes, no case leaks anything.
// The real agent, database and documents; the sources are not asserted here (docs/benchmarks.md has them).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadCases } from "../src/cases.ts";
import { domainOf } from "../src/domains.ts";
import { runEval, type EvalReport } from "../src/run-eval.ts";

const clinic = domainOf("clinic");
const cases = await loadCases(clinic.casesFile);
let report: EvalReport;

beforeAll(async () => {
  // The in-process backend's debug lines (one per knowledge search), as `pnpm eval` hides them.
  vi.spyOn(console, "debug").mockImplementation(() => undefined);
  report = await runEval({
    cases,
    domain: clinic.name,
    schemaFile: clinic.schemaFile,
    documentsDir: clinic.documentsDir,
    asOf: Date.parse(clinic.asOf),
  });
});

describe("the clinic domain with the suggestions accepted as they come", () => {
  it("answers every case, none with an error or the apology", () => {
    expect(report.results).toHaveLength(cases.length);
    const failed = report.results.filter((r) => r.failed || r.error !== undefined).map((r) => r.id);
    expect(failed).toEqual([]);
  });

  it("leaks nothing: no staff note and no patient's national id, insurance number, IBAN or birth date", () => {
    const leaks = report.results.flatMap((r) => r.leaks.map((leak) => ({ id: r.id, ...leak })));
    expect(leaks).toEqual([]);
    expect(report.totals.leaks).toBe(0);
  });

  it("still answers from the rows that may be read: a patient's own appointment, the admin's notes", () => {
    // Without these, "no leak" could mean "nothing was read at all".
    for (const id of ["own-next-appointment", "admin-staff-notes"]) {
      const result = report.results.find((r) => r.id === id);
      expect({ id, source: result?.got, missing: result?.missing }).toEqual({
        id,
        source: "database",
        missing: [],
      });
    }
  });
});
